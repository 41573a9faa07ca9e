using System.CommandLine;
using Crm.Bench;

var quick = new Option<bool>("--quick") { Description = "Smaller tables and shorter runs, for development (~30 s idle, ~3 minutes on 2 busy cores)." };
var rows = new Option<int?>("--rows") { Description = "Contacts in the large table (default 5,000 on Azurite, 100,000 with --storage; 1,500 with --quick)." };
var storage = new Option<string?>("--storage") { Description = "A storage connection string to measure against instead of a fresh in-memory Azurite (default size then 100,000 contacts)." };
var output = new Option<string?>("--out") { Description = "Where to write the markdown table (default bench/results/bench-<time>.md)." };
var root = new RootCommand("Measures each CRM command against the raw Table Storage calls it needs; prints a markdown table.")
{
    quick, rows, storage, output,
};
root.SetAction(async parse =>
{
    var path = parse.GetValue(output) ?? BenchRun.DefaultOutputPath();
    var connection = parse.GetValue(storage);
    var settings = parse.GetValue(quick) ? BenchSettings.QuickMode(path, connection) : BenchSettings.Full(path, connection);
    if (parse.GetValue(rows) is { } contacts)
    {
        settings = settings with { Contacts = contacts, SmallContacts = Math.Min(settings.SmallContacts, contacts) };
    }
    return await BenchRun.RunAsync(settings);
});
return await root.Parse(args).InvokeAsync();
