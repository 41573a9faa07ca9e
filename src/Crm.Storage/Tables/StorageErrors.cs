using Azure;
using Azure.Data.Tables.Models;

namespace Crm.Storage.Tables;

/// <summary>
/// Storage failures recognised by the service's error code, which Azurite sends too (the Crm.Storage.Tests
/// suite checks it), not by the bare HTTP status: a 409 is also "table being deleted", a 404 also "table not
/// found", and those must not be taken for a lost race. Codes:
/// https://learn.microsoft.com/en-us/rest/api/storageservices/table-service-error-codes
/// </summary>
public static class StorageErrors
{
    private const string ErrorCodeHeader = "x-ms-error-code";

    /// <summary>True when the failure carries one of <paramref name="codes"/>.</summary>
    public static bool Is(this RequestFailedException failure, params ReadOnlySpan<TableErrorCode> codes)
    {
        foreach (var code in codes)
        {
            if (string.Equals(failure.ErrorCode, code.ToString(), StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>An add found the row already there.</summary>
    public static bool IsAlreadyExists(this RequestFailedException failure) => failure.Is(TableErrorCode.EntityAlreadyExists);

    /// <summary>A write guarded by an ETag found the row changed since it was read.</summary>
    public static bool IsConditionNotMet(this RequestFailedException failure) => failure.Is(TableErrorCode.UpdateConditionNotSatisfied);

    /// <summary>The row to update or delete is not there (any more).</summary>
    public static bool IsNotFound(this RequestFailedException failure) => failure.Is(TableErrorCode.ResourceNotFound);

    /// <summary>
    /// A delete answered "not found": the SDK treats that as success and hands back the response, so the
    /// error code is read from its header.
    /// </summary>
    public static bool IsNotFound(this Response response) =>
        response.Headers.TryGetValue(ErrorCodeHeader, out var code) && code == TableErrorCode.ResourceNotFound.ToString();
}
