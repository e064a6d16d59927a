namespace Blind55.Clean.C33;

public sealed record Shelter(string Id, string Name, string Region, IReadOnlyList<string> Accepts, bool HasVet);

public interface IShelterDirectory
{
    Task<IReadOnlyList<Shelter>> LoadAllAsync(CancellationToken ct);
}

/// <summary>
/// Warms the animal rescue hotline's shelter lookup at startup. Operators' requests can arrive
/// while warming is still running; they wait until the lookup is ready.
/// </summary>
public sealed class ShelterLookupWarmer
{
    private readonly IShelterDirectory _directory;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyDictionary<string, Shelter[]>? _byRegion;
    private int _started;

    public ShelterLookupWarmer(IShelterDirectory directory) => _directory = directory;

    public bool IsWarm => Volatile.Read(ref _byRegion) != null;

    public Task WarmAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            return _ready.Task;
        }

        return Task.Run(async () =>
        {
            try
            {
                var shelters = await _directory.LoadAllAsync(ct);
                var byRegion = shelters
                    .GroupBy(s => s.Region, StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.HasVet).ToArray(), StringComparer.OrdinalIgnoreCase);

                Volatile.Write(ref _byRegion, byRegion);
                _ready.TrySetResult();
            }
            catch (Exception ex)
            {
                _ready.TrySetException(ex);
            }
        });
    }

    public async Task<IReadOnlyList<Shelter>> SheltersForAsync(string region, string species, CancellationToken ct)
    {
        var table = Volatile.Read(ref _byRegion);
        if (table == null)
        {
            await _ready.Task.WaitAsync(ct);
            table = Volatile.Read(ref _byRegion)!;
        }

        return table.TryGetValue(region, out var shelters)
            ? shelters.Where(s => s.Accepts.Contains(species, StringComparer.OrdinalIgnoreCase)).ToList()
            : Array.Empty<Shelter>();
    }
}
