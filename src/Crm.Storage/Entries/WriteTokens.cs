using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;

namespace Crm.Storage.Entries;

/// <summary>
/// The write token (issue 15): every entry write adds a row <c>t~&lt;token&gt;</c> to its own transaction, so the
/// row exists exactly when the write committed. When the SDK resends a transaction whose answer was lost and the
/// resend fails on the rows the first send wrote, the writer finds its token and answers as committed.
/// A token is random, unless a <see cref="WriteTokenScope"/> (an <c>Idempotency-Key</c>) derives it, so a
/// repeated call recognises the write of the first one.
/// </summary>
public static class WriteTokens
{
    public const string Prefix = "t~";

    /// <summary>The entry id the write gave or touched; the answer a resend or a repeated call returns.</summary>
    public const string IdProperty = "Id";

    /// <summary>How long a token is kept; the maintenance pass removes older ones.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>The token of one write: derived from the scope's seed when there is one, else random.</summary>
    /// <param name="kind">create, update or delete: a repeated call's writes are told apart by table, kind and entry.</param>
    public static string For(string table, string kind, long? id = null)
    {
        if (WriteTokenScope.CurrentSeed is not { } seed)
        {
            return Guid.NewGuid().ToString("N");
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\n{table}\n{kind}\n{id}"));
        return Convert.ToHexStringLower(hash, 0, 16);
    }

    public static TableTransactionAction AddAction(string table, string token, long id) =>
        new(TableTransactionActionType.Add, new TableEntity(table, Prefix + token) { [IdProperty] = id });
}

/// <summary>Makes the write tokens of the calls inside it derive from one seed (an idempotency key's hash).</summary>
public sealed class WriteTokenScope : IDisposable
{
    private static readonly AsyncLocal<string?> Seed = new();
    private readonly string? _previous;

    private WriteTokenScope(string seed)
    {
        _previous = Seed.Value;
        Seed.Value = seed;
    }

    public static string? CurrentSeed => Seed.Value;

    /// <summary>True inside a scope: a token may exist before the write (a repeated call), so a missing entry is checked against it.</summary>
    public static bool IsActive => Seed.Value is not null;

    public static WriteTokenScope Begin(string seed) => new(seed);

    public void Dispose() => Seed.Value = _previous;
}
