// Test fixture for the corpus export tests: an archive in a temporary
// directory filled with synthetic response + conversion records, and the
// stories used to test deduplication (written for these tests; modelled on
// a Zhengzhou Daily story republished by China Daily with its boilerplate).
#ifndef NEWSARC_TESTS_CORPUS_CORPUS_FIXTURE_H_
#define NEWSARC_TESTS_CORPUS_CORPUS_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "corpus/corpus.h"
#include "storage/storage.h"
#include "test_util.h"

namespace newsarc::corpus {
// The archive's vocabulary, for the corpus tests.
using storage::Archive;
using storage::ArchiveOptions;
using storage::ArticleRecord;
using storage::MakeConversionRecord;
using storage::WarcRecord;
}  // namespace newsarc::corpus

namespace newsarc::corpus::corpus_testing {

inline Micros T(const char* iso) { return *ParseIsoDate(iso); }

class CorpusArchive {
 public:
  CorpusArchive() {
    auto a = Archive::Open(dir_.File("a.db"));
    EXPECT_TRUE(a.ok()) << a.status().message();
    if (a.ok()) archive_ = std::move(*a);
  }
  Archive& archive() { return *archive_; }
  std::string File(const std::string& name) const { return dir_.File(name); }

  // A 200 (or `status`) response for `url`; returns its record id.
  std::string AddResponse(const std::string& url, Micros when, int status = 200,
                          const std::string& extra_headers = "") {
    WarcRecord r;
    r.Set("WARC-Type", "response");
    r.Set("WARC-Target-URI", url);
    r.Set("WARC-Date", FormatWarcDate(when));
    r.Set("Content-Type", "application/http; msgtype=response");
    std::string reason = status == 200 ? "OK" : "Moved Permanently";
    r.block = "HTTP/1.1 " + std::to_string(status) + " " + reason +
              "\r\nContent-Type: text/html; charset=utf-8\r\n" + extra_headers + "\r\n" +
              (status == 200 ? "<html><body><p>" + url + "</p></body></html>" : "");
    auto id = archive_->Put(r);
    EXPECT_TRUE(id.ok()) << id.status().message();
    return id.ok() ? *id : "";
  }

  void AddRedirect(const std::string& from, const std::string& location, Micros when) {
    AddResponse(from, when, 301, "Location: " + location + "\r\n");
  }

  // Response + conversion for `a` (a.url, a.capture_time set by the caller);
  // returns the conversion record id.
  std::string AddArticle(ArticleRecord a) {
    if (a.capture_time == 0) a.capture_time = T("2026-11-21T10:00:00Z");
    a.response_record_id = AddResponse(a.url, a.capture_time);
    a.extractor_version = "newsarc-extract/test";
    auto id = archive_->Put(MakeConversionRecord(a, a.capture_time + 1000000));
    EXPECT_TRUE(id.ok()) << id.status().message();
    return id.ok() ? *id : "";
  }

  std::string AddSimple(const std::string& url, const std::string& title, const std::string& text,
                        Micros when = 0) {
    ArticleRecord a;
    a.url = url;
    a.title = title;
    a.text = text;
    a.language = "en";
    a.capture_time = when;
    return AddArticle(a);
  }

  Status Export(CorpusOptions o, ExportSummary* summary = nullptr) {
    return ExportCorpus(*archive_, o, {}, summary);
  }

 private:
  newsarc::testing::TempDir dir_;
  std::unique_ptr<Archive> archive_;
};

// --- Stories --------------------------------------------------------------

// A city story as its original outlet (郑州日报-like) published it.
inline const char* kZhOriginal =
    "记者从市园林局获悉,经过两年的生态修复和配套建设,位于城东新区的湿地公园将于下月一日起正式向市民免费开放。"
    "公园总面积约三百二十公顷,其中水域面积占四成以上,是目前我市面积最大的城市湿地公园。\n\n"
    "据介绍,公园建设坚持“生态优先、自然恢复”的原则,保留了原有的芦苇荡和滩涂,新种植乡土树种一万余株,"
    "水生植物六十多种。园内修建了总长十二公里的木栈道和骑行道,并设置了观鸟台、科普馆和儿童自然教育基地。\n\n"
    "市园林局负责人表示,开园初期将实行预约入园,市民可通过“智慧园林”小程序提前一天预约,每日接待上限为两万人次。"
    "节假日期间,公园将延长开放时间至晚上九点,并增开两条公交接驳线路。\n\n"
    "为保护湿地生态,公园内禁止机动车驶入,禁止垂钓、野炊和放飞无人机。管理部门将在主要出入口设置志愿服务站,"
    "引导游客文明游园。\n\n"
    "附近居民王女士说:“以前这里是一片荒地,现在变成了家门口的大公园,周末带孩子来看看候鸟,特别好。”\n\n"
    "据悉,下一步我市还将围绕黄河流域生态保护和高质量发展,规划建设一批口袋公园和生态廊道,让市民推窗见绿、出门进园。";

// The same story republished by a national site (中国日报网-like): lead
// summary and title repeated, "来源" line, share widgets, two small edits,
// editor line and a copyright footer, as the extractor left them.
inline const char* kZhReprint =
    "城东湿地公园下月起免费开放\n\n"
    "记者从市园林局获悉,位于城东新区的湿地公园将于下月一日起正式向市民免费开放。\n\n"
    "城东湿地公园下月起免费开放\n\n来源: 郑州日报\n2026-11-20 08:30\n分享\n分享到\n\n"
    "记者从市园林局获悉,经过两年的生态修复和配套建设,位于城东新区的湿地公园将于12月1日起正式向市民免费开放。"
    "公园总面积约三百二十公顷,其中水域面积占四成以上,是目前我市面积最大的城市湿地公园。\n\n"
    "据介绍,公园建设坚持“生态优先、自然恢复”的原则,保留了原有的芦苇荡和滩涂,新种植乡土树种一万余株,"
    "水生植物六十多种。园内修建了总长十二公里的木栈道和骑行道,并设置了观鸟台、科普馆和儿童自然教育基地。\n\n"
    "市园林局负责人表示,开园初期将实行预约入园,市民可通过“智慧园林”小程序提前一天预约,每日接待上限为2万人次。"
    "节假日期间,公园将延长开放时间至晚上九点,并增开两条公交接驳线路。\n\n"
    "为保护湿地生态,公园内禁止机动车驶入,禁止垂钓、野炊和放飞无人机。管理部门将在主要出入口设置志愿服务站,"
    "引导游客文明游园。\n\n"
    "附近居民王女士说:“以前这里是一片荒地,现在变成了家门口的大公园,周末带孩子来看看候鸟,特别好。”\n\n"
    "据悉,下一步我市还将围绕黄河流域生态保护和高质量发展,规划建设一批口袋公园和生态廊道,让市民推窗见绿、出门进园。\n\n"
    "(记者 李明)\n【责任编辑:张华】\n"
    "版权说明:凡注明来源为非本网的作品,均转载自其它媒体,目的在于传播更多信息。";

// Same event, another outlet's own report: shares facts, not text.
inline const char* kZhSameEvent =
    "本报讯 城东新区湿地公园建设收官,下个月起市民可以免费进园游览了。这座占地三百多公顷的公园,"
    "水面约占总面积的百分之四十,建成后将成为全市最大的湿地公园。\n\n"
    "记者近日探访看到,园区里芦苇随风摇曳,不少白鹭在浅滩觅食。施工方介绍,两年来共栽种各类乔木一万多棵,"
    "引种水生植物数十种,还铺设了环湖步道和自行车道,全长约十二公里。\n\n"
    "园林部门提醒,公园开放后需在线预约,单日最多接待游客两万名,节假日开放时间延长到二十一点。"
    "园内严禁车辆进入,也不允许钓鱼、烧烤和放无人机。\n\n"
    "家住附近的张先生告诉记者,他每天都来工地边看看,盼着公园早日开门,“终于可以在家门口观鸟了”。";

// A different story in the reprint site's template (same boilerplate).
inline const char* kZhSameTemplate =
    "地铁六号线东段开通试运营\n\n"
    "记者从市轨道交通集团获悉,地铁六号线东段将于本周六开通试运营。\n\n"
    "地铁六号线东段开通试运营\n\n来源: 郑州日报\n2026-11-20 08:30\n分享\n分享到\n\n"
    "记者从市轨道交通集团获悉,地铁六号线东段将于本周六上午九时开通试运营。该段线路全长十八公里,共设车站十二座,"
    "其中换乘站三座,连接了高铁东站、会展中心和多个大型居住区。\n\n"
    "试运营初期,列车最小行车间隔为六分钟,首班车六时发车,末班车二十二时从终点站发出。"
    "乘客可使用乘车码、银行卡和交通卡进站乘车。\n\n"
    "轨道交通集团相关负责人表示,六号线东段开通后,东部新城到老城区的通勤时间将缩短约二十分钟,"
    "有效缓解沿线道路的交通压力。\n\n"
    "(记者 李明)\n【责任编辑:张华】\n"
    "版权说明:凡注明来源为非本网的作品,均转载自其它媒体,目的在于传播更多信息。";

inline const char* kEnWire =
    "The city council voted 7-2 on Tuesday to build protected bike lanes on four downtown streets, "
    "ending a two-year debate over how to make cycling safer in the city centre.\n\n"
    "The plan adds 11 kilometres of lanes separated from traffic by concrete curbs and planters. "
    "Construction is expected to begin in March and finish before the end of next year, officials said.\n\n"
    "\"This is the most important safety decision we have made in a decade,\" said council member "
    "Maria Lopez, who sponsored the measure. She pointed to a rise in cyclist injuries since 2022.\n\n"
    "Opponents argued that removing parking spaces would hurt small businesses along Main Street. "
    "The final version keeps loading zones on every block and moves 120 parking spaces to side streets.\n\n"
    "The project will cost an estimated 14 million dollars, about half of it covered by a state "
    "transportation grant. The council also asked the transport department to report on accident "
    "numbers every six months after the lanes open.";

// The wire story on another site: its own template lines, a reworded
// headline line, one sentence trimmed, "said" -> "says".
inline const char* kEnWireCopy =
    "Council backs downtown bike lanes\n\n"
    "By Metro Wire | Share this article\n\n"
    "The city council voted 7-2 on Tuesday to build protected bike lanes on four downtown streets, "
    "ending a two-year debate over how to make cycling safer in the city centre.\n\n"
    "The plan adds 11 kilometres of lanes separated from traffic by concrete curbs and planters. "
    "Construction is expected to begin in March and finish before the end of next year, officials say.\n\n"
    "\"This is the most important safety decision we have made in a decade,\" said council member "
    "Maria Lopez, who sponsored the measure.\n\n"
    "Opponents argued that removing parking spaces would hurt small businesses along Main Street. "
    "The final version keeps loading zones on every block and moves 120 parking spaces to side streets.\n\n"
    "The project will cost an estimated 14 million dollars, about half of it covered by a state "
    "transportation grant. The council also asked the transport department to report on accident "
    "numbers every six months after the lanes open.\n\n"
    "Related: Read more local news | Sign up for our newsletter";

// The same event in another reporter's words (shares the quote).
inline const char* kEnSameEvent =
    "Cyclists cheered in the public gallery as councillors approved a network of protected bike "
    "lanes downtown after a long and often bitter argument.\n\n"
    "Seven members supported the proposal and two opposed it. The lanes, roughly 11 km in total, will "
    "run along four streets and be shielded from cars by curbs. Work starts in spring.\n\n"
    "Maria Lopez, the measure's sponsor, called it the most important safety decision of the decade. "
    "Shop owners on Main Street remain worried about losing parking, though the plan relocates spaces "
    "to nearby side streets and preserves delivery areas.\n\n"
    "A state grant pays for roughly half of the 14 million dollar bill.";

// A different story in the copy site's template.
inline const char* kEnSameTemplate =
    "School board delays vote on new calendar\n\n"
    "By Metro Wire | Share this article\n\n"
    "The school board postponed a vote on a proposed year-round calendar on Monday after hundreds of "
    "parents signed a petition asking for more time to study the change.\n\n"
    "The proposal would shorten the summer break to six weeks and add two-week breaks in October and "
    "February. Supporters say shorter breaks reduce learning loss, while critics worry about childcare "
    "costs and summer jobs for older students.\n\n"
    "The board will hold three public hearings in January before voting in February, the chair said.\n\n"
    "Related: Read more local news | Sign up for our newsletter";

}  // namespace newsarc::corpus::corpus_testing

#endif  // NEWSARC_TESTS_CORPUS_CORPUS_FIXTURE_H_
