using System.CommandLine;
using Rds.Tools.Commands;

var root = new RootCommand("Orleans.Rds tools: synthetic registry generator, bulk importer and benchmarks.")
{
    GenerateCommand.Create(),
    ImportCommand.Create(),
    BenchCommand.Create(),
};

var parseResult = root.Parse(args);

// A usage error is not "some lines failed" (exit 1 of import): report it with the abort code.
if (parseResult.Errors.Count > 0)
{
    foreach (var error in parseResult.Errors)
    {
        await Console.Error.WriteLineAsync(error.Message);
    }

    return ImportCommand.ExitAborted;
}

return await parseResult.InvokeAsync();
