using Crm.Core.Endpoint;

namespace Crm.Core.Values;

/// <summary>"Did you mean" candidates for a misspelt field or table name.</summary>
public static class CloseMatches
{
    /// <summary>Nothing for a name over <see cref="RequestLimits.MaxSuggestedNameLength"/>: the edit distance costs length × length per candidate.</summary>
    public static IReadOnlyList<string> Find(string wanted, IEnumerable<string> candidates, int max = 3)
    {
        var target = wanted.Trim().ToLowerInvariant();
        if (target.Length > RequestLimits.MaxSuggestedNameLength)
        {
            return [];
        }
        return candidates
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(c => (Candidate: c, Distance: Distance(target, c.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(2, target.Length / 3)
                || (target.Length >= 3 && (c.Candidate.Contains(target, StringComparison.OrdinalIgnoreCase) || target.Contains(c.Candidate, StringComparison.OrdinalIgnoreCase))))
            .OrderBy(c => c.Distance)
            .Take(max)
            .Select(c => c.Candidate)
            .ToList();
    }

    public static string Describe(string wanted, IEnumerable<string> candidates)
    {
        var matches = Find(wanted, candidates);
        return matches.Count == 0 ? "" : $" Did you mean: {string.Join(", ", matches)}?";
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
