#include "cli/command_table.h"

namespace newsarc::cli {
namespace {

// CLI::IsMember describes itself as "{a,b,c}" in the option's type name
// ("TEXT:{a,b,c}").
std::vector<std::string> ChoicesOf(const std::string& type_name) {
  std::vector<std::string> choices;
  size_t open = type_name.find('{');
  size_t close = type_name.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return choices;
  std::string list = type_name.substr(open + 1, close - open - 1);
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    if (comma > start) choices.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return choices;
}

OptionEntry DescribeOption(const CLI::Option& o) {
  OptionEntry e;
  for (const std::string& s : o.get_snames()) e.names.push_back("-" + s);
  for (const std::string& l : o.get_lnames()) e.names.push_back("--" + l);
  if (e.names.empty()) e.positional = o.get_name(true, false);
  if (o.get_type_size() != 0) {
    e.value = o.get_type_name();
    e.choices = ChoicesOf(e.value);
  }
  e.description = o.get_description();
  e.group = o.get_group();
  e.default_value = o.get_default_str();
  e.required = o.get_required();
  e.repeatable = o.get_items_expected_max() > 1 ||
                 o.get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll;
  return e;
}

CommandEntry Describe(const CLI::App& app, std::vector<std::string> path) {
  CommandEntry c;
  c.path = std::move(path);
  c.description = app.get_description();
  c.examples = ExamplesOf(&app);
  c.needs_subcommand = app.get_require_subcommand_min() > 0;
  for (const CLI::Option* o : app.get_options()) {
    if (o->get_group().empty()) continue;  // hidden
    OptionEntry e = DescribeOption(*o);
    (e.names.empty() ? c.positionals : c.options).push_back(std::move(e));
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->get_name().empty() || sub->get_group().empty()) continue;  // option group, hidden
    std::vector<std::string> sub_path = c.path;
    sub_path.push_back(sub->get_name());
    c.subcommands.push_back(Describe(*sub, std::move(sub_path)));
  }
  return c;
}

}  // namespace

std::string CommandEntry::name() const {
  std::string n = "newsarc";
  for (const std::string& p : path) n += " " + p;
  return n;
}

CommandEntry DescribeCommands(const CLI::App& root) {
  CommandEntry table = Describe(root, {});
  std::vector<std::string> names;
  for (const CommandEntry& c : table.subcommands) names.push_back(c.path.back());
  for (CommandEntry& c : table.subcommands) {
    if (c.path.back() == "help") {
      for (OptionEntry& p : c.positionals) p.choices = names;
    }
  }
  return table;
}

}  // namespace newsarc::cli
