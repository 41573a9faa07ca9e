using System.Globalization;
using System.Text;

namespace Crm.Bench.Report;

/// <summary>
/// The result as plain markdown: it is pasted into the README as is, and a library table renderer
/// (Spectre.Console) would only add box drawing that markdown does not want.
/// </summary>
public sealed class BenchReport
{
    private readonly List<ResultRow> _rows = [];
    private readonly List<string> _notes = [];

    public void Add(ResultRow row)
    {
        _rows.Add(row);
        Console.Error.WriteLine($"  {row.Number} {row.Measure}: {row.Ours} vs {row.Reference} = {row.Ratio} (target {row.Target}: {row.Met})");
    }

    public bool HasFailures { get; private set; }

    public void Fail(string rows, string reason)
    {
        HasFailures = true;
        Add(new ResultRow(rows, "**scenario failed** (the rest of its rows are missing)", reason.Replace('|', '/'), "—", "—", "—", "**no**"));
    }

    public void Note(string note)
    {
        _notes.Add(note);
        Console.Error.WriteLine("  note: " + note);
    }

    public string ToMarkdown(BenchSettings settings, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Benchmark run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {(settings.Quick ? "quick" : "full")} mode ({RowCount(settings.Contacts)} contacts), {elapsed.TotalMinutes:0.0} min.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {MachineInfo.Describe()}.");
        text.AppendLine();
        text.AppendLine("| # | measure | ours | reference (raw storage) | ratio | target | met |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var row in _rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Number} | {row.Measure} | {row.Ours} | {row.Reference} | {row.Ratio} | {row.Target} | {row.Met} |");
        }
        if (_notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in _notes)
            {
                text.AppendLine("- " + note);
            }
        }
        return text.ToString();
    }

    private static string RowCount(int contacts) => contacts.ToString("N0", CultureInfo.InvariantCulture);
}
