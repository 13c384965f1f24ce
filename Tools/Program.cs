using System.CommandLine;
using Rds.Tools.Commands;

var root = new RootCommand("Orleans.Rds tools: synthetic registry generator and bulk importer.")
{
    GenerateCommand.Create(),
    ImportCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
