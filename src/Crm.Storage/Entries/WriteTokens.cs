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
        if (WriteTokenScope.Current is not { } scope)
        {
            return Guid.NewGuid().ToString("N");
        }
        // With the parameters' fingerprint in it, a repeat with other parameters misses the first call's tokens and meets its record.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{scope.Seed}\n{scope.Fingerprint}\n{table}\n{kind}\n{id}"));
        return Convert.ToHexStringLower(hash, 0, 16);
    }

    public static TableTransactionAction AddAction(string table, string token, long id) =>
        new(TableTransactionActionType.Add, new TableEntity(table, Prefix + token) { [IdProperty] = id });

    /// <summary>Marks a call record's row key (<c>t~i~&lt;call&gt;</c>): under the token prefix, so tokens and records expire together.</summary>
    public const string CallRecordInfix = "i~";

    public static string CallRecordRowKey(string call) => Prefix + CallRecordInfix + call;

    /// <summary>
    /// The row that records an <c>Idempotency-Key</c> call in this write's transaction, once per table and call
    /// (see <see cref="CallRecord"/>); null outside such a call or when an earlier write of the call carried it.
    /// </summary>
    public static TableTransactionAction? CallRecordAction(string table) =>
        WriteTokenScope.Current is { Fingerprint: { } fingerprint } scope && scope.TakeRecordFor(table)
            ? new(TableTransactionActionType.Add, new TableEntity(table, CallRecordRowKey(scope.Seed)) { [CallRecord.FingerprintProperty] = fingerprint })
            : null;
}
