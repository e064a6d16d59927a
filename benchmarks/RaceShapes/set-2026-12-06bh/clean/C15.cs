using Microsoft.Extensions.Hosting;

namespace Blind60.SeedBank.Catalogue;

public sealed record Accession(string AccessionNumber, string Species, string Origin, int ViabilityPercent);

public interface IAccessionSource
{
    Task<IReadOnlyList<Accession>> LoadAllAsync(CancellationToken ct);
}

/// <summary>
/// In-memory lookup of seed-bank accessions, rebuilt from the collections database
/// every fifteen minutes. Request handlers call <see cref="TryFind"/> concurrently.
/// </summary>
public sealed class AccessionLookup
{
    private IReadOnlyDictionary<string, Accession> _byNumber = new Dictionary<string, Accession>();
    private DateTime _builtUtc;
    private readonly object _stampGate = new();

    public bool TryFind(string accessionNumber, out Accession? accession)
    {
        var table = Volatile.Read(ref _byNumber);
        var found = table.TryGetValue(accessionNumber, out var a);
        accession = a;
        return found;
    }

    public int Count => Volatile.Read(ref _byNumber).Count;

    public DateTime BuiltUtc
    {
        get { lock (_stampGate) return _builtUtc; }
    }

    internal void Replace(IReadOnlyList<Accession> accessions)
    {
        var table = new Dictionary<string, Accession>(accessions.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var a in accessions)
        {
            table[a.AccessionNumber] = a;
        }

        Volatile.Write(ref _byNumber, table);
        lock (_stampGate)
        {
            _builtUtc = DateTime.UtcNow;
        }
    }
}

public sealed class AccessionLookupRefresher : BackgroundService
{
    private readonly AccessionLookup _lookup;
    private readonly IAccessionSource _source;

    public AccessionLookupRefresher(AccessionLookup lookup, IAccessionSource source)
    {
        _lookup = lookup;
        _source = source;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(15));
        do
        {
            try
            {
                var all = await _source.LoadAllAsync(stoppingToken);
                _lookup.Replace(all);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Serve the previous table until the next attempt.
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
