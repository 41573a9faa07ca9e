using Azure.Data.Tables;

namespace Crm.Storage.Entries;

/// <summary>
/// The serialized size of an entity-group transaction, which Azure caps at 4 MiB (413 beyond; Azurite takes
/// more). Counted as the SDK sends it: JSON bodies write every non-ASCII character as <c>\uXXXX</c> (6 bytes),
/// row keys also travel percent-encoded in the operation's URL, and each operation has its multipart headers.
/// </summary>
public static class TransactionSize
{
    public const long MaxBytes = 4L * 1024 * 1024;

    /// <summary>Boundary, headers and request line of one operation in the multipart body, without its keys.</summary>
    private const int OperationOverhead = 700;

    public static long Of(IEnumerable<TableTransactionAction> actions) => actions.Sum(a => Of(a.Entity));

    public static long Of(ITableEntity entity)
    {
        long bytes = OperationOverhead + UrlLength(entity.PartitionKey) + UrlLength(entity.RowKey);
        if (entity is TableEntity properties)
        {
            foreach (var (name, value) in properties)
            {
                bytes += JsonLength(name) + 8 + (value is string text ? JsonLength(text) : 40);
            }
        }
        return bytes;
    }

    /// <summary>The property of the entity whose value takes the most bytes (to name the field behind a refusal).</summary>
    public static string? LargestProperty(ITableEntity entity) =>
        entity is TableEntity properties
            ? properties.Where(p => p.Value is string && p.Key is not ("PartitionKey" or "RowKey" or Crm.Storage.Keys.RowProperties.Rows))
                .OrderByDescending(p => JsonLength((string)p.Value!)).Select(p => p.Key).FirstOrDefault()
            : null;

    private static long JsonLength(string text)
    {
        long bytes = 2;
        foreach (var c in text)
        {
            bytes += c switch
            {
                '"' or '\\' => 2,
                < ' ' or >= (char)0x7F => 6,
                _ => 1,
            };
        }
        return bytes;
    }

    private static long UrlLength(string key)
    {
        long bytes = 0;
        foreach (var c in key)
        {
            bytes += c < 0x80 ? 3 : 9;
        }
        return bytes;
    }
}
