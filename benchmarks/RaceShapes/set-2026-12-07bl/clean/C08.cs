namespace Blind64.Distillery.Casks
{
    public sealed class WarehouseDbConnection
    {
        public WarehouseDbConnection(string connectionString)
        {
            ConnectionString = connectionString;
            OpenedAt = DateTimeOffset.UtcNow;
        }

        public string ConnectionString { get; }
        public DateTimeOffset OpenedAt { get; }

        public Task<decimal> GetAngelsShareAsync(string caskNumber) =>
            Task.FromResult(caskNumber.Length * 0.02m);
    }

    public sealed class CaskRegistry
    {
        public CaskRegistry(IReadOnlyDictionary<string, string> warehouseByCask) => WarehouseByCask = warehouseByCask;

        public IReadOnlyDictionary<string, string> WarehouseByCask { get; }
    }

    /// <summary>
    /// Gives the bonded-warehouse services their database connection and the cask registry.
    /// Both are set up on first use. Singleton; used from the racking planner, the duty
    /// returns export and the tasting-room API at the same time.
    /// </summary>
    public sealed class CaskDataAccess
    {
        private readonly Lazy<WarehouseDbConnection> _connection;
        private readonly Func<IReadOnlyDictionary<string, string>> _loadRegistry;
        private CaskRegistry? _registry;
        private object? _registryLock;
        private bool _registryLoaded;

        public CaskDataAccess(string connectionString, Func<IReadOnlyDictionary<string, string>> loadRegistry)
        {
            _connection = new Lazy<WarehouseDbConnection>(
                () => new WarehouseDbConnection(connectionString),
                LazyThreadSafetyMode.ExecutionAndPublication);
            _loadRegistry = loadRegistry;
        }

        public WarehouseDbConnection Connection => _connection.Value;

        public CaskRegistry Registry =>
            LazyInitializer.EnsureInitialized(ref _registry, ref _registryLoaded, ref _registryLock,
                () => new CaskRegistry(_loadRegistry()))!;

        public async Task<string> DescribeAsync(string caskNumber)
        {
            var warehouse = Registry.WarehouseByCask.TryGetValue(caskNumber, out var w) ? w : "unknown";
            var loss = await Connection.GetAngelsShareAsync(caskNumber).ConfigureAwait(false);
            return $"Cask {caskNumber} in {warehouse}, angels' share {loss:P1}";
        }
    }

    /// <summary>Builds the monthly duty return by describing many casks in parallel.</summary>
    public static class DutyReturnExport
    {
        public static async Task<IReadOnlyList<string>> BuildAsync(CaskDataAccess data, IEnumerable<string> casks)
        {
            var lines = await Task.WhenAll(casks.Select(data.DescribeAsync)).ConfigureAwait(false);
            return lines;
        }
    }
}
