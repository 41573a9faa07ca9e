// The Flex Consumption plan and the Function App (.NET 10 isolated worker). Every setting the app reads is
// set here; tests/Crm.Infra.Tests checks this list against the app's options classes.

@description('Azure region of the resources.')
param location string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the Function App (global: <name>.azurewebsites.net).')
param appName string

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Name of the storage account (AzureWebJobsStorage, tables, deployment package).')
param storageAccountName string

@description('Blob endpoint of the storage account, ending with a slash.')
param storageBlobEndpoint string

@description('Table endpoint of the storage account.')
param storageTableEndpoint string

@description('Queue endpoint of the storage account (the sync run queue).')
param storageQueueEndpoint string

@description('Name of the queue carrying requested sync runs.')
param syncQueueName string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('Maximum number of instances the plan scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of one instance, in MB: the sizes Microsoft.Web/sites@2024-04-01 accepts for Flex Consumption (see docs/deploy.md).')
@allowed([
  2048
  4096
])
param instanceMemoryMB int

@description('The CRM settings (section Crm), see the README "Configuration".')
param crm crmSettings

param tags object

@description('CRM settings set as app settings (configuration keys Crm:...).')
type crmSettings = {
  tablePrefix: string
  keyVaultUri: string
  apiKeySecretName: string
  apiKeysAllowShared: bool
  apiKeysMaxVaultOutage: string
  rateLimitPerMinute: int
  bootstrapAdmin: string
  syncSchedule: string
  syncLeaseSeconds: int
  jiraBaseUrl: string
  jiraEdition: ('Cloud' | 'DataCenter')
  jiraEmail: string
  jiraTokenSecretName: string
  jiraGroups: string
  syncMaxDeactivationPercent: int
  jiraPageSize: int
  jiraMaxRetries: int
  jiraRetryDelay: string
  jiraRequestTimeout: string
  jiraMaxRetryAfter: string
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  // azd finds the deployment target of service "api" (azure.yaml) by this tag.
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    // Flex Consumption refuses classic site properties (ftpsState, use32BitWorkerProcess, netFrameworkVersion, …)
    // with a 400 at deploy time although Bicep accepts them: see docs/deploy.md before adding one here.
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
      appSettings: [
        // The Functions host's own storage, by identity (no connection string, no key).
        { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        // DefaultAzureCredential (tables, Key Vault) picks the user-assigned identity by this.
        { name: 'AZURE_CLIENT_ID', value: identityClientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
        { name: 'Crm__Storage__TableEndpoint', value: storageTableEndpoint }
        { name: 'Crm__Storage__QueueEndpoint', value: storageQueueEndpoint }
        // The queue trigger's identity-based connection "CrmSyncQueue" (<name>__queueServiceUri, user-assigned identity).
        { name: 'CrmSyncQueue__queueServiceUri', value: storageQueueEndpoint }
        { name: 'CrmSyncQueue__credential', value: 'managedidentity' }
        { name: 'CrmSyncQueue__clientId', value: identityClientId }
        { name: 'Crm__Storage__TablePrefix', value: crm.tablePrefix }
        { name: 'Crm__KeyVault__Uri', value: crm.keyVaultUri }
        { name: 'Crm__ApiKeys__SecretName', value: crm.apiKeySecretName }
        { name: 'Crm__ApiKeys__AllowShared', value: string(crm.apiKeysAllowShared) }
        { name: 'Crm__ApiKeys__MaxVaultOutage', value: crm.apiKeysMaxVaultOutage }
        { name: 'Crm__RateLimits__PerMinute', value: string(crm.rateLimitPerMinute) }
        { name: 'Crm__Bootstrap__Admin', value: crm.bootstrapAdmin }
        // Read by the timer trigger's %CrmSyncSchedule% as the host indexes it: a flat name, as ':' nests only on Windows.
        { name: 'CrmSyncSchedule', value: crm.syncSchedule }
        { name: 'Crm__Sync__LeaseSeconds', value: string(crm.syncLeaseSeconds) }
        { name: 'Crm__Sync__MaxDeactivationPercent', value: string(crm.syncMaxDeactivationPercent) }
        { name: 'Crm__Sync__QueueName', value: syncQueueName }
        { name: 'Crm__Sync__Jira__BaseUrl', value: crm.jiraBaseUrl }
        { name: 'Crm__Sync__Jira__Edition', value: crm.jiraEdition }
        { name: 'Crm__Sync__Jira__Email', value: crm.jiraEmail }
        { name: 'Crm__Sync__Jira__TokenSecretName', value: crm.jiraTokenSecretName }
        { name: 'Crm__Sync__Jira__Groups', value: crm.jiraGroups }
        { name: 'Crm__Sync__Jira__PageSize', value: string(crm.jiraPageSize) }
        { name: 'Crm__Sync__Jira__MaxRetries', value: string(crm.jiraMaxRetries) }
        { name: 'Crm__Sync__Jira__RetryDelay', value: crm.jiraRetryDelay }
        { name: 'Crm__Sync__Jira__RequestTimeout', value: crm.jiraRequestTimeout }
        { name: 'Crm__Sync__Jira__MaxRetryAfter', value: crm.jiraMaxRetryAfter }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// FTP and the SCM (Kudu) site refuse user name/password logins: deployments go through the identity-authenticated
// package container, and Flex has no ftpsState to switch FTP off.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
