#include "app/cli/command_help.h"

#include <map>

#include "app/cli/option_checks.h"

namespace bridgelc::cli {

namespace {

const std::map<std::string, std::string>& examples() {
    static const std::map<std::string, std::string> table = {
        {"bench",
         "  bridgelc bench --data lucas.csv                # training and prediction speed here\n"
         "  bridgelc bench --data lucas.csv --python       # the same against PyTorch"},
        {"evaluate",
         "  bridgelc evaluate --checkpoint run/model.bridgelc points.csv --json scores.json\n"
         "  (every labelled point of the file is scored, training points included)"},
        {"experiment",
         "  bridgelc experiment lucas.csv --models bridgelc,mlp --scenarios extrap,loro --out exp\n"
         "  bridgelc experiment lucas.csv --out exp --slurm jobs --submit   # one Slurm array task per job\n"
         "  bridgelc experiment lucas.csv --out exp --collect               # tables of the jobs done so "
         "far"},
        {"inspect",
         "  bridgelc inspect points.csv\n"
         "  bridgelc inspect points.gpkg --layer survey --label-column lc1 --json"},
        {"merge-raster", "  bridgelc merge-raster --out landcover.tif   # after predict-raster --tiles I/N"},
        {"models", "  bridgelc models"},
        {"predict", "  bridgelc predict --checkpoint run/model.bridgelc points.csv --out predictions.gpkg"},
        {"predict-raster",
         "  bridgelc predict-raster --checkpoint run/model.bridgelc stack.tif --out landcover.tif "
         "--confidence\n"
         "  bridgelc predict-raster --checkpoint run/model.bridgelc stack.tif --out lc.tif --slurm jobs "
         "--slurm-tiles 8 --submit"},
        {"splits",
         "  bridgelc splits lucas.csv --scenario loro\n"
         "  bridgelc splits --sample --scenario blocks --folds 5 --json"},
        {"train",
         "  bridgelc train lucas.csv --model bridgelc --scenario extrap --out run\n"
         "  bridgelc train lucas.csv --model mlp --scenario loro --held-out-region ALP --epochs 20\n"
         "  bridgelc train --sample --model random-forest --no-save"},
    };
    return table;
}

bool describesItsDefault(const CLI::Option& option) {
    const std::string& text = option.get_description();
    return text.find("default") != std::string::npos || text.find("Default") != std::string::npos;
}

}  // namespace

std::string commandExamples(const std::string& command) {
    const auto it = examples().find(command);
    return it == examples().end() ? std::string() : it->second;
}

void completeHelp(CLI::App& command) {
    for (CLI::Option* option : command.get_options()) {
        if (option->get_type_size() == 0 || option->get_required() || option->get_positional() ||
            describesItsDefault(*option) || !option->get_default_str().empty())
            continue;
        option->capture_default_str();
    }
    std::string footer;
    if (const std::string text = commandExamples(command.get_name()); !text.empty())
        footer = "Examples:\n" + text + "\n\n";
    command.footer(footer + exitCodeHelp() + "\n");
}

}  // namespace bridgelc::cli
