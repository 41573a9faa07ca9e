using Azure;

namespace Crm.Storage.KeyVault;

/// <summary>
/// Key Vault failures recognised by the error code of the service's JSON error body, not the bare status
/// (any other 404, say a wrong path, is an error to surface, not "no such secret").
/// https://learn.microsoft.com/en-us/azure/key-vault/general/rest-error-codes
/// </summary>
internal static class KeyVaultErrors
{
    public const string SecretNotFound = "SecretNotFound";

    public static bool IsSecretNotFound(this RequestFailedException failure) =>
        string.Equals(failure.ErrorCode, SecretNotFound, StringComparison.Ordinal);
}
