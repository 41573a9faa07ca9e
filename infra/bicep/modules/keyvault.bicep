// The vault holding the API keys (secret crm-api-key, one version per key) and the Jira token.
// RBAC mode: access is by role assignment, not access policies.

@description('Azure region of the resources.')
param location string

@description('Name of the vault (3-24 letters, digits and hyphens, globally unique).')
@minLength(3)
@maxLength(24)
param vaultName string

@description('Name of the app\'s user-assigned managed identity (same resource group): reads secrets.')
param appIdentityName string

@description('Optional principal (object) id of an administrator (user) who manages the secrets; empty for none.')
param adminPrincipalId string

@description('Kind of the administrator principal.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param adminPrincipalType string

param tags object

// Built-in roles. Secrets User: read secret values (the app). Secrets Officer: manage secrets (the admin).
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var keyVaultSecretsOfficerRoleId = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: appIdentityName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appIdentity.id, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource adminSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(adminPrincipalId)) {
  name: guid(vault.id, adminPrincipalId, keyVaultSecretsOfficerRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficerRoleId)
    principalId: adminPrincipalId
    principalType: adminPrincipalType
  }
}

output vaultName string = vault.name
output vaultUri string = vault.properties.vaultUri
