// WarcInput: the bytes of a WARC file, gunzipped when the file is gzip, read
// in bounded chunks, with the file offsets that CDX indexes need.
//
// A .warc.gz is a sequence of gzip members (normally one per record; a
// whole-file single member is read too). Buffered data never spans two
// members, so a reader can tell whether a record starts a member
// (member_consumed() == 0) and, once the member ends, its compressed extent.
// Internal to the WARC reader; not thread-safe.
#ifndef NEWSARC_STORAGE_WARC_WARC_INPUT_H_
#define NEWSARC_STORAGE_WARC_WARC_INPUT_H_

#include <zlib.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace newsarc::storage {

class WarcInput {
 public:
  WarcInput() = default;
  ~WarcInput();
  WarcInput(const WarcInput&) = delete;
  WarcInput& operator=(const WarcInput&) = delete;

  // Opens `path` and sniffs the gzip magic.
  Status Open(const std::string& path);

  // Makes sure buffered() is non-empty. Returns false at the clean end of
  // the file; an error (naming file and offset) on unreadable or damaged
  // gzip data.
  Result<bool> Fill();
  std::string_view buffered() const {
    return std::string_view(out_).substr(out_pos_);
  }
  void Consume(size_t n);

  // gzip only: reads on to the end of the current member without producing
  // data. True when the member ended with nothing more in it; false when
  // more decompressed bytes follow inside the same member.
  Result<bool> AtMemberEnd();

  bool gzip() const { return gzip_; }
  // Size of a regular file; 0 for pipes and FIFOs (see regular()).
  uint64_t file_size() const { return file_size_; }
  bool regular() const { return regular_; }
  // Plain: file offset of buffered()[0]. Gzip: offset of the member that
  // buffered data belongs to.
  uint64_t position() const { return gzip_ ? member_start_ : plain_pos_ + out_pos_; }
  // Gzip: decompressed bytes of the current member consumed so far.
  uint64_t member_consumed() const { return member_out_ + out_pos_; }
  // Gzip: compressed offset just past the current member, once it ended.
  uint64_t member_end() const { return member_end_; }
  bool member_ended() const { return member_ended_; }
  // Compressed (file) bytes consumed so far, for progress.
  uint64_t file_bytes_read() const;
  const std::string& path() const { return path_; }

 private:
  Result<bool> FillPlain();
  Result<bool> FillGzip();
  // Reads more compressed bytes into in_; false at end of file.
  Result<bool> ReadIn();
  // Inflates into the (empty) out_ until it holds data or the member ends.
  // True when data was produced.
  Result<bool> InflateSome();
  Status Error(uint64_t offset, std::string_view why) const;
  // read(2) that retries on EINTR (Ctrl-C must not look like damage).
  // Bytes read, 0 at end of file, -1 on error.
  long ReadBytes(char* buf, size_t n);

  std::string path_;
  int fd_ = -1;
  uint64_t file_size_ = 0;
  bool regular_ = true;
  bool gzip_ = false;

  std::string out_;  // decompressed (or plain) bytes
  size_t out_pos_ = 0;
  uint64_t plain_pos_ = 0;  // file offset of out_[0] (plain files)

  // gzip state
  z_stream zs_{};
  bool zs_init_ = false;
  std::string in_;
  uint64_t in_file_pos_ = 0;  // file offset of in_[0]
  uint64_t member_start_ = 0;
  uint64_t member_end_ = 0;
  uint64_t member_out_ = 0;  // decompressed bytes of this member before out_[0]
  bool member_ended_ = true;
};

}  // namespace newsarc::storage

#endif  // NEWSARC_STORAGE_WARC_WARC_INPUT_H_
