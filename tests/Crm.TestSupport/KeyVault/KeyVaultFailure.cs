namespace Crm.TestSupport.KeyVault;

/// <summary>How the Key Vault stand-in misbehaves.</summary>
public enum KeyVaultFailure
{
    None,

    /// <summary>Every request gets 500 with the vault's error JSON.</summary>
    ServerError,

    /// <summary>Requests never reach the vault: the client's transport throws as on a refused connection.</summary>
    Unreachable,

    /// <summary>Every request gets 429 with <c>Retry-After</c>, as past the vault's transaction limits.</summary>
    Throttled,
}
