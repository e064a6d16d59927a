namespace Blind35.IceSculpture.Blocks;

public sealed record BlockSpec(string Code, int WidthCm, int HeightCm, int DepthCm, bool Clear);

public interface IBlockSpecSource
{
    IEnumerable<BlockSpec> LoadAll();
}

/// <summary>
/// Catalog of ice block sizes offered to festival carvers. Shared by all request threads;
/// the specs are loaded from the supplier's sheet on first use.
/// </summary>
public sealed class CarvingBlockCatalog
{
    private readonly IBlockSpecSource _source;
    private readonly object _gate = new();
    private Dictionary<string, BlockSpec>? _byCode;

    public CarvingBlockCatalog(IBlockSpecSource source) => _source = source;

    public BlockSpec? Find(string code)
    {
        var map = _byCode;
        if (map is null)
        {
            lock (_gate)
            {
                if (_byCode is null)
                {
                    _byCode = new Dictionary<string, BlockSpec>(StringComparer.OrdinalIgnoreCase);
                    foreach (var spec in _source.LoadAll())
                    {
                        _byCode[spec.Code] = spec;
                    }
                }

                map = _byCode;
            }
        }

        return map.TryGetValue(code, out var found) ? found : null;
    }

    public int VolumeLitres(string code)
    {
        var spec = Find(code) ?? throw new KeyNotFoundException($"Unknown block {code}");
        return spec.WidthCm * spec.HeightCm * spec.DepthCm / 1000;
    }
}

/// <summary>Validates carvers' block orders before they go to the ice house.</summary>
public sealed class BlockOrderValidator
{
    private readonly CarvingBlockCatalog _catalog;

    public BlockOrderValidator(CarvingBlockCatalog catalog) => _catalog = catalog;

    public IReadOnlyList<string> Validate(IEnumerable<(string Code, int Quantity)> lines)
    {
        var problems = new List<string>();
        foreach (var (code, quantity) in lines)
        {
            if (_catalog.Find(code) is null)
            {
                problems.Add($"{code}: not in catalog");
            }
            else if (quantity is < 1 or > 40)
            {
                problems.Add($"{code}: quantity {quantity} out of range");
            }
        }

        return problems;
    }

    public Task<IReadOnlyList<string>[]> ValidateManyAsync(IEnumerable<IEnumerable<(string, int)>> orders) =>
        Task.WhenAll(orders.Select(o => Task.Run(() => Validate(o))));
}
