//! The `attache` command. Thin: argument parsing, output and progress; the work
//! is done by the library crates.

mod cmd;

/// Articles allocate many small strings and vectors; mimalloc serves them
/// faster than the system allocator (measured in bench/pipeline-speed.sh).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// attache turns news articles about diplomacy and security into political event data.
#[derive(Debug, Parser)]
#[command(name = "attache", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Extract(cmd::extract::Args),
    #[command(subcommand)]
    Eval(cmd::eval::Eval),
    #[command(subcommand)]
    Report(cmd::report::Report),
    Explain(cmd::explain::Args),
    #[command(flatten)]
    Kb(cmd::kb::KbCommand),
    Serve(cmd::serve::Args),
    Export(cmd::export::Args),
    /// The POS tagger and dependency parser: train, eval, parse.
    #[command(subcommand)]
    Syntax(cmd::syntax::Syntax),
}

fn main() -> ExitCode {
    // A panic inside a stage is caught per document and reported with the file
    // name by the pipeline; the hook only adds where it happened, on one line.
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        #[allow(clippy::print_stderr)]
        {
            eprintln!("attache: internal error at {at}");
        }
    }));
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => cmd::extract::run(args),
        Command::Eval(e) => cmd::eval::run(e),
        Command::Report(r) => cmd::report::run(r),
        Command::Explain(args) => cmd::explain::run(args),
        Command::Kb(c) => cmd::kb::run(c),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Syntax(c) => cmd::syntax::run(c),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("attache: {err:#}");
            }
            ExitCode::from(2)
        }
    }
}
