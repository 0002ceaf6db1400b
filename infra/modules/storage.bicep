// One storage account for everything: the app's tables and blobs, the Durable task hub (queues and
// tables) and the deployment package. Reached only with Microsoft Entra identities: no shared keys,
// no anonymous blob access, TLS 1.2.
param name string
param location string
param tags object
@description('Blob container of the deployment package (Flex Consumption).')
param deploymentContainerName string
@description('Blob containers the app writes (see Operations/AppStorage.cs).')
param containers array
@description('Tables the app writes (see Operations/AppStorage.cs).')
param tables array
@description('Days deleted or overwritten blobs are kept (soft delete and earlier versions).')
param blobRetentionDays int
@description('Days a nightly backup is kept before the lifecycle rule deletes it.')
param backupRetentionDays int

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: storage
  name: 'default'
  properties: {
    // Every overwrite keeps the earlier version; a deleted blob can be undeleted for a while.
    isVersioningEnabled: true
    deleteRetentionPolicy: { enabled: true, days: blobRetentionDays }
    containerDeleteRetentionPolicy: { enabled: true, days: blobRetentionDays }
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: { publicAccess: 'None' }
}

resource appContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = [for container in containers: {
  parent: blobService
  name: container
  properties: { publicAccess: 'None' }
}]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2024-01-01' = {
  parent: storage
  name: 'default'
}

resource appTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2024-01-01' = [for table in tables: {
  parent: tableService
  name: table
}]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2024-01-01' = {
  parent: storage
  name: 'default'
}

// Nightly backups (container "backups", one folder per run) are deleted after backupRetentionDays;
// earlier versions of any blob after blobRetentionDays.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2024-01-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-backups'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: [ 'blockBlob' ], prefixMatch: [ 'backups/' ] }
            actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: backupRetentionDays } } }
          }
        }
        {
          name: 'expire-old-versions'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: [ 'blockBlob' ] }
            actions: { version: { delete: { daysAfterCreationGreaterThan: blobRetentionDays } } }
          }
        }
      ]
    }
  }
}

output name string = storage.name
output id string = storage.id
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
