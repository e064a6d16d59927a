namespace Blind22.Opera.Costumes;

public sealed record Measurements(double ChestCm, double WaistCm, double InseamCm, double HeadCm);

public sealed record Costume(string CostumeId, string Role, string Production, Measurements Built);

public interface IWardrobeArchive
{
    IEnumerable<Costume> ReadAll();
}

/// <summary>
/// Fitting lookup for the wardrobe department. The archive is read once, on first use,
/// and the index is never changed afterwards. Shared by all fitting-room terminals.
/// </summary>
public sealed class CostumeFittingIndex
{
    private readonly IWardrobeArchive _archive;
    private object? _initLock;
    private Dictionary<string, List<Costume>>? _byRole;

    public CostumeFittingIndex(IWardrobeArchive archive) => _archive = archive;

    private Dictionary<string, List<Costume>> Index
        => LazyInitializer.EnsureInitialized(ref _byRole, ref _initLock, Build);

    private Dictionary<string, List<Costume>> Build()
        => _archive.ReadAll()
            .GroupBy(c => c.Role, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<(Costume Costume, double AlterationCm)> BestFits(string role, Measurements singer, int take = 3)
    {
        if (!Index.TryGetValue(role, out var costumes))
        {
            return Array.Empty<(Costume, double)>();
        }

        return costumes
            .Select(c => (c, Alteration(c.Built, singer)))
            .OrderBy(x => x.Item2)
            .Take(take)
            .ToList();
    }

    public int RoleCount => Index.Count;

    private static double Alteration(Measurements built, Measurements singer)
        => Math.Abs(built.ChestCm - singer.ChestCm)
         + Math.Abs(built.WaistCm - singer.WaistCm)
         + Math.Abs(built.InseamCm - singer.InseamCm) * 0.5
         + Math.Abs(built.HeadCm - singer.HeadCm) * 2;
}
