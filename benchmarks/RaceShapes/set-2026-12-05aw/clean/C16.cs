namespace PinballArcade.Machines;

public sealed record MachineInfo(string Code, string Title, int Year, decimal PricePerPlay);

public interface IMachineRegistry
{
    IEnumerable<MachineInfo> LoadMachines();
}

/// <summary>
/// Catalogue of the arcade's machines, loaded once on first use. Shared by the coin-mech
/// controllers and the web front end, which read it concurrently.
/// </summary>
public sealed class MachineCatalog
{
    private readonly Lazy<IReadOnlyDictionary<string, MachineInfo>> _byCode;
    private IReadOnlyList<string>? _titlesSorted;
    private object? _titlesLock;
    private bool _titlesInitialized;

    public MachineCatalog(IMachineRegistry registry)
    {
        _byCode = new Lazy<IReadOnlyDictionary<string, MachineInfo>>(
            () =>
            {
                var map = new Dictionary<string, MachineInfo>(StringComparer.OrdinalIgnoreCase);
                foreach (var machine in registry.LoadMachines())
                {
                    map[machine.Code] = machine;
                }
                return map;
            },
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public MachineInfo? Find(string code) =>
        _byCode.Value.TryGetValue(code, out var info) ? info : null;

    public decimal PriceFor(string code) => Find(code)?.PricePerPlay ?? 1.00m;

    public IReadOnlyList<string> TitlesSorted() =>
        LazyInitializer.EnsureInitialized(ref _titlesSorted, ref _titlesInitialized, ref _titlesLock,
            () => _byCode.Value.Values.Select(m => m.Title).OrderBy(t => t, StringComparer.CurrentCulture).ToList())!;
}

/// <summary>Credits a play when a coin drops on one of the machines.</summary>
public sealed class CoinMech
{
    private readonly MachineCatalog _catalog;
    private long _centsTaken;

    public CoinMech(MachineCatalog catalog) => _catalog = catalog;

    public long CentsTaken => Interlocked.Read(ref _centsTaken);

    public bool OnCoin(string machineCode, decimal inserted)
    {
        decimal price = _catalog.PriceFor(machineCode);
        if (inserted < price)
        {
            return false;
        }
        Interlocked.Add(ref _centsTaken, (long)(price * 100));
        return true;
    }

    public void SimulateBusyEvening(IReadOnlyList<string> codes, int coins)
    {
        Parallel.For(0, coins, i => OnCoin(codes[i % codes.Count], 1.00m));
    }
}
