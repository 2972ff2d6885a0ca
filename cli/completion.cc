#include "cli/completion.h"

#include <functional>
#include <vector>

namespace newsarc::cli {
namespace {

std::string Join(const std::vector<std::string>& words, const char* sep = " ") {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) out += (i ? sep : "") + words[i];
  return out;
}

std::string PathKey(const CommandEntry& c) { return Join(c.path); }

void ForEachCommand(const CommandEntry& c, const std::function<void(const CommandEntry&)>& fn) {
  fn(c);
  for (const CommandEntry& sub : c.subcommands) ForEachCommand(sub, fn);
}

std::vector<std::string> SubcommandNames(const CommandEntry& c) {
  std::vector<std::string> names;
  for (const CommandEntry& sub : c.subcommands) names.push_back(sub.path.back());
  return names;
}

// --- bash ---------------------------------------------------------------

constexpr const char* kBashMain = R"BASH(
_newsarc() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=""
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
  # The command path so far ("", "schedule", "schedule add"), skipping
  # options and their values (bash splits --opt=value at "=").
  local path="" i=1 word sub
  while ((i < COMP_CWORD)); do
    word=${COMP_WORDS[i]}
    case $word in
      -*=*) ;;
      -*)
        if [[ ${COMP_WORDS[i + 1]} == "=" ]]; then
          i=$((i + 2))
        elif _newsarc_values "$path" "$word" >/dev/null; then
          i=$((i + 1))
        fi
        ;;
      *)
        for sub in $(_newsarc_subcommands "$path"); do
          if [[ $word == "$sub" ]]; then
            path=${path:+$path }$sub
            break
          fi
        done
        ;;
    esac
    i=$((i + 1))
  done

  local opt="" values
  if [[ $cur == "=" && $prev == -* ]]; then
    opt=$prev
    cur=""
  elif [[ $prev == "=" ]] && ((COMP_CWORD > 1)); then
    opt=${COMP_WORDS[COMP_CWORD - 2]}
  elif [[ $prev == -* ]]; then
    opt=$prev
  fi
  if [[ -n $opt ]] && values=$(_newsarc_values "$path" "$opt"); then
    if [[ -n $values ]]; then
      mapfile -t COMPREPLY < <(compgen -W "$values" -- "$cur")
    else
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      compopt -o filenames 2>/dev/null
    fi
    return 0
  fi
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_newsarc_options "$path")" -- "$cur")
    return 0
  fi
  values=$(_newsarc_subcommands "$path")
  [[ -n $values ]] || values=$(_newsarc_arguments "$path")
  if [[ -n $values ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$values" -- "$cur")
  else
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    compopt -o filenames 2>/dev/null
  fi
  return 0
}
complete -F _newsarc newsarc
)BASH";

// --- zsh ----------------------------------------------------------------

std::string ZshFunction(const CommandEntry& c) {
  std::string f = "_newsarc";
  for (const std::string& p : c.path) f += "_" + p;
  for (char& ch : f) {
    if (ch == '-') ch = '_';
  }
  return f;
}

// The first line of `text` inside '...' (single quotes); for an
// _arguments [description] (`in_brackets`) also with [, ] and \ escaped.
std::string ZshDescription(std::string text, bool in_brackets = true) {
  if (size_t nl = text.find('\n'); nl != std::string::npos) text.resize(nl);
  std::string out;
  for (char ch : text) {
    if (ch == '\'') {
      out += "'\\''";
    } else if (in_brackets && (ch == '[' || ch == ']' || ch == '\\')) {
      out += '\\';
      out += ch;
    } else {
      out += ch;
    }
  }
  return out;
}

std::string ZshAction(const OptionEntry& o) {
  if (!o.choices.empty()) return "(" + Join(o.choices) + ")";
  return "_files";
}

std::string ZshMessage(const OptionEntry& o) {
  std::string m = o.names.empty() ? o.positional : o.names.back();
  while (!m.empty() && m.front() == '-') m.erase(0, 1);
  return m;
}

std::string ZshOptionSpec(const OptionEntry& o) {
  std::string spec;
  std::string desc = "[" + ZshDescription(o.description) + "]";
  std::string value = o.value.empty() ? "" : ":" + ZshMessage(o) + ":" + ZshAction(o);
  auto name = [&](const std::string& n) {
    if (o.value.empty()) return n;
    return n + (n.size() == 2 ? "+" : "=");  // -o VALUE / -oVALUE; --opt VALUE / --opt=VALUE
  };
  const bool help = o.names.back() == "--help" || o.names.back() == "--version";
  std::string exclude = help ? "(- *)" : "";
  if (o.names.size() == 1) {
    if (o.repeatable) return "'*" + name(o.names[0]) + desc + value + "'";
    return "'" + exclude + name(o.names[0]) + desc + value + "'";
  }
  std::vector<std::string> names;
  for (const std::string& n : o.names) names.push_back(name(n));
  if (!help) exclude = o.repeatable ? "*" : "(" + Join(o.names) + ")";
  return "'" + exclude + "'{" + Join(names, ",") + "}'" + desc + value + "'";
}

std::string ZshPositionalSpec(const OptionEntry& p) {
  std::string prefix = p.repeatable ? "*" : "";
  return "'" + prefix + ":" + p.positional + ":" + ZshAction(p) + "'";
}

std::string ZshCommandFunction(const CommandEntry& c) {
  std::string f = ZshFunction(c) + "() {\n";
  std::vector<std::string> specs;
  for (const OptionEntry& o : c.options) specs.push_back(ZshOptionSpec(o));
  if (c.subcommands.empty()) {
    for (const OptionEntry& p : c.positionals) specs.push_back(ZshPositionalSpec(p));
    f += "  _arguments -s -S :";
    for (const std::string& s : specs) f += " \\\n    " + s;
    return f + "\n}\n";
  }
  f += "  local curcontext=$curcontext state state_descr line ret=1\n";
  f += "  typeset -A opt_args\n";
  f += "  _arguments -C -s :";
  for (const std::string& s : specs) f += " \\\n    " + s;
  f += " \\\n    '1:command:->command' \\\n    '*::argument:->argument' && ret=0\n";
  f += "  case $state in\n    command)\n      local -a commands=(\n";
  for (const CommandEntry& sub : c.subcommands) {
    f += "        '" + sub.path.back() + ":" + ZshDescription(sub.description, false) + "'\n";
  }
  f += "      )\n      _describe -t commands '" + c.name() + " command' commands && ret=0\n";
  f += "      ;;\n    argument)\n      case $words[1] in\n";
  for (const CommandEntry& sub : c.subcommands) {
    f += "        " + sub.path.back() + ") " + ZshFunction(sub) + " && ret=0 ;;\n";
  }
  f += "      esac\n      ;;\n  esac\n  return ret\n}\n";
  return f;
}

}  // namespace

std::string BashCompletion(const CommandEntry& table) {
  std::string s =
      "# bash completion for newsarc(1).\n"
      "# Generated by `newsarc __generate bash` from the commands' own help; do not edit.\n"
      "\n"
      "# _newsarc_subcommands PATH: the commands under PATH (\"\", \"schedule\").\n"
      "_newsarc_subcommands() {\n  case $1 in\n";
  ForEachCommand(table, [&](const CommandEntry& c) {
    if (!c.subcommands.empty()) {
      s += "    \"" + PathKey(c) + "\") echo \"" + Join(SubcommandNames(c)) + "\" ;;\n";
    }
  });
  s += "  esac\n}\n\n# _newsarc_options PATH: the options of PATH.\n_newsarc_options() {\n  case $1 in\n";
  ForEachCommand(table, [&](const CommandEntry& c) {
    std::vector<std::string> names;
    for (const OptionEntry& o : c.options) names.insert(names.end(), o.names.begin(), o.names.end());
    s += "    \"" + PathKey(c) + "\") echo \"" + Join(names) + "\" ;;\n";
  });
  s += "  esac\n}\n\n"
       "# _newsarc_values PATH OPTION: fails for a flag; else prints the option's\n"
       "# values (nothing: a file name).\n"
       "_newsarc_values() {\n  case \"$1 $2\" in\n";
  ForEachCommand(table, [&](const CommandEntry& c) {
    std::vector<std::string> files;
    for (const OptionEntry& o : c.options) {
      if (o.value.empty()) continue;
      std::vector<std::string> keys;
      for (const std::string& n : o.names) keys.push_back("\"" + PathKey(c) + " " + n + "\"");
      if (o.choices.empty()) {
        files.insert(files.end(), keys.begin(), keys.end());
      } else {
        s += "    " + Join(keys, "|") + ") echo \"" + Join(o.choices) + "\" ;;\n";
      }
    }
    if (!files.empty()) s += "    " + Join(files, "|") + ") ;;\n";
  });
  s += "    *) return 1 ;;\n  esac\n}\n\n"
       "# _newsarc_arguments PATH: the values of PATH's arguments (nothing: file names).\n"
       "_newsarc_arguments() {\n  case $1 in\n";
  ForEachCommand(table, [&](const CommandEntry& c) {
    for (const OptionEntry& p : c.positionals) {
      if (!p.choices.empty()) {
        s += "    \"" + PathKey(c) + "\") echo \"" + Join(p.choices) + "\" ;;\n";
        break;
      }
    }
  });
  s += "  esac\n}\n";
  s += kBashMain;
  return s;
}

std::string ZshCompletion(const CommandEntry& table) {
  std::string s =
      "#compdef newsarc\n"
      "# zsh completion for newsarc(1).\n"
      "# Generated by `newsarc __generate zsh` from the commands' own help; do not edit.\n";
  std::vector<const CommandEntry*> order;
  ForEachCommand(table, [&](const CommandEntry& c) { order.push_back(&c); });
  for (const CommandEntry* c : order) s += "\n" + ZshCommandFunction(*c);
  s += "\n_newsarc \"$@\"\n";
  return s;
}

}  // namespace newsarc::cli
