// The CRM API in Azure: a Function App on a Flex Consumption plan running as a user-assigned managed
// identity, with its storage account (tables + Functions host + deployment package), Key Vault (API keys,
// Jira token) and monitoring. Deploy: see the README, "Deploy to Azure".

targetScope = 'resourceGroup'

@description('Azure region of every resource; defaults to the resource group\'s. Must offer Flex Consumption.')
param location string = resourceGroup().location

@description('Short lowercase name that prefixes every resource name (2-8 letters or digits).')
@minLength(2)
@maxLength(8)
param baseName string = 'crm'

@description('Prepended to every CRM table name (letters and digits); lets several CRMs share one account.')
param tablePrefix string = ''

@description('Key Vault secret whose enabled versions are the valid API keys.')
param apiKeySecretName string = 'crm-api-key'

@description('Whether the shared key (which acts as any user it names) is accepted; named keys (secrets crm-key-<name>) act only as their user.')
param apiKeysAllowShared bool = true

@description('How long (hh:mm:ss) Key Vault may stay unreachable before the API keys last read from it are refused (503).')
param apiKeysMaxVaultOutage string = '01:00:00'

@description('Requests a minute per API key and instance (shared key: per key and user), also the burst; 0 turns the limit off.')
@minValue(0)
param rateLimitPerMinute int = 1200

@description('Login of the first administrator, created on first start.')
param bootstrapAdmin string = 'admin'

@description('NCRONTAB schedule (with seconds) of the Jira user synchronization.')
param syncSchedule string = '0 0 * * * *'

@description('How long a synchronization run\'s lease lasts without renewal (a run renews it every third of this); only a crashed run lets it lapse.')
@minValue(30)
param syncLeaseSeconds int = 120

@description('Base URL of the Jira instance whose users are synchronized, e.g. https://example.atlassian.net; empty to not synchronize.')
param jiraBaseUrl string = ''

@description('Jira Cloud (email + API token) or Data Center (personal access token).')
@allowed([
  'Cloud'
  'DataCenter'
])
param jiraEdition string = 'Cloud'

@description('Account e-mail for Jira Cloud basic authentication; empty for Data Center.')
param jiraEmail string = ''

@description('Key Vault secret holding the Jira API token (Cloud) or personal access token (Data Center).')
param jiraTokenSecretName string = 'crm-jira-token'

@description('Comma-separated Jira groups whose members are the synchronized directory; empty: Data Center reads jira-users and jira-software-users, Cloud its whole user search.')
param jiraGroups string = ''

@description('A sync run that would deactivate more than this percentage of the active synced contacts is held until an admin confirms it.')
@minValue(0)
@maxValue(100)
param syncMaxDeactivationPercent int = 10

@description('Users asked for per Jira user-search request.')
@minValue(1)
param jiraPageSize int = 1000

@description('Retries of a transient Jira failure (429, 5xx, timeout) per request.')
@minValue(0)
param jiraMaxRetries int = 4

@description('First retry delay (hh:mm:ss); doubles per retry. A Retry-After header replaces it.')
param jiraRetryDelay string = '00:00:02'

@description('Time limit of one Jira request attempt (hh:mm:ss).')
param jiraRequestTimeout string = '00:00:30'

@description('A Retry-After longer than this (hh:mm:ss) fails the run instead of waiting.')
param jiraMaxRetryAfter string = '00:02:00'

@description('Object id of the administrator who will manage the vault\'s secrets (Key Vault Secrets Officer); empty for none.')
param adminPrincipalId string = ''

@description('Kind of that administrator principal.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param adminPrincipalType string = 'User'

@description('Maximum number of instances the Flex Consumption plan scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of one instance, in MB: the sizes Microsoft.Web/sites@2024-04-01 accepts for Flex Consumption (see docs/deploy.md).')
@allowed([
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Days to keep logs in Log Analytics.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Tags on every resource.')
param tags object = {}

// Resource names accept lowercase only (storage: letters and digits only).
var base = toLower(baseName)
// Stable per resource group and base name, so a redeployment updates the same resources.
var suffix = uniqueString(resourceGroup().id, base)
var appName = 'func-${base}-${suffix}'
var storageAccountName = take('st${replace(base, '-', '')}${suffix}', 24)
var vaultName = take('kv-${base}-${suffix}', 24)
var deploymentContainerName = 'app-package-${take(appName, 32)}'
// The CRM's Azure tables (Crm.Storage.Tables.CrmTableSet); tests/Crm.Infra.Tests keeps the two in step.
var crmTableNames = [
  'CrmEntities'
  'CrmDictionaries'
  'CrmSchema'
  'CrmAccess'
  'CrmLeases'
  'CrmRequests'
]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${base}-${suffix}'
  location: location
  tags: tags
}

// The queue that carries requested sync runs to the queue-triggered function (issue 11).
var syncQueueName = 'crm-sync'

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: 'log-${base}-${suffix}'
    appInsightsName: 'appi-${base}-${suffix}'
    retentionInDays: logRetentionInDays
    appIdentityName: identity.name
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    accountName: storageAccountName
    deploymentContainerName: deploymentContainerName
    tableNames: [for tableName in crmTableNames: '${tablePrefix}${tableName}']
    queueNames: [syncQueueName]
    appIdentityName: identity.name
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyVault'
  params: {
    location: location
    vaultName: vaultName
    appIdentityName: identity.name
    adminPrincipalId: adminPrincipalId
    adminPrincipalType: adminPrincipalType
    tags: tags
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionApp'
  params: {
    location: location
    planName: 'plan-${base}-${suffix}'
    appName: appName
    identityId: identity.id
    identityClientId: identity.properties.clientId
    storageAccountName: storage.outputs.accountName
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    syncQueueName: syncQueueName
    deploymentContainerName: deploymentContainerName
    appInsightsConnectionString: monitoring.outputs.connectionString
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    crm: {
      tablePrefix: tablePrefix
      keyVaultUri: keyVault.outputs.vaultUri
      apiKeySecretName: apiKeySecretName
      apiKeysAllowShared: apiKeysAllowShared
      apiKeysMaxVaultOutage: apiKeysMaxVaultOutage
      rateLimitPerMinute: rateLimitPerMinute
      bootstrapAdmin: bootstrapAdmin
      syncSchedule: syncSchedule
      syncLeaseSeconds: syncLeaseSeconds
      jiraBaseUrl: jiraBaseUrl
      jiraEdition: jiraEdition
      jiraEmail: jiraEmail
      jiraTokenSecretName: jiraTokenSecretName
      jiraGroups: jiraGroups
      syncMaxDeactivationPercent: syncMaxDeactivationPercent
      jiraPageSize: jiraPageSize
      jiraMaxRetries: jiraMaxRetries
      jiraRetryDelay: jiraRetryDelay
      jiraRequestTimeout: jiraRequestTimeout
      jiraMaxRetryAfter: jiraMaxRetryAfter
    }
    tags: tags
  }
}

@description('Base URL of the API: append /plugins/servlet/crm/api.')
output functionBaseUrl string = 'https://${functionApp.outputs.defaultHostName}'

@description('The CRM endpoint.')
output apiUrl string = 'https://${functionApp.outputs.defaultHostName}/plugins/servlet/crm/api'

@description('Name of the Key Vault holding the API keys and the Jira token.')
output keyVaultName string = keyVault.outputs.vaultName

@description('Name of the Function App (for az functionapp deploy).')
output functionAppName string = functionApp.outputs.name

@description('Name of the storage account.')
output storageAccountName string = storage.outputs.accountName

@description('Client id of the app\'s managed identity.')
output identityClientId string = identity.properties.clientId
