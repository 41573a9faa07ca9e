using System.Globalization;

namespace Crm.Bench.Report;

/// <summary>One line of the table: our figure, the reference measured in the same run, their ratio, the target.</summary>
public sealed record ResultRow(string Number, string Measure, string Ours, string Reference, string Ratio, string Target, string Met)
{
    /// <summary><paramref name="ratio"/> ≤ <paramref name="limit"/> (a cost: smaller is better).</summary>
    public static ResultRow AtMost(string number, string measure, string ours, string reference, double ratio, double limit) =>
        new(number, measure, ours, reference, Times(ratio), "≤ " + Times(limit), Verdict(ratio <= limit));

    /// <summary><paramref name="ratio"/> ≥ <paramref name="limit"/> (a rate or a speed-up: bigger is better).</summary>
    public static ResultRow AtLeast(string number, string measure, string ours, string reference, double ratio, double limit, string suffix = "") =>
        new(number, measure, ours, reference, Times(ratio) + suffix, "≥ " + Times(limit) + suffix, Verdict(ratio >= limit));

    public static ResultRow Info(string number, string measure, string ours, string reference, double ratio) =>
        new(number, measure, ours, reference, Times(ratio), "—", "—");

    public static ResultRow NotAvailable(string number, string measure, string reason, string reference = "—") =>
        new(number, measure, reason, reference, "—", "—", "n/a");

    public static string Times(double ratio) => ratio.ToString(ratio >= 100 ? "0" : ratio >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture) + "×";

    public static string Ms(double milliseconds) =>
        milliseconds.ToString(milliseconds >= 100 ? "0" : milliseconds >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture) + " ms";

    public static string PerSecond(double rate, string unit = "req/s") => rate.ToString("0", CultureInfo.InvariantCulture) + " " + unit;

    public static string MiB(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Verdict(bool met) => met ? "yes" : "**no**";
}
