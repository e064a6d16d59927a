using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SeedVault.Germination.Api;

public sealed record AccessionRequest(string Accession);

public sealed record AccessionReply(string Accession, string Species, double LastGerminationRate, DateOnly LastTested);

public interface IGermLabRepository
{
    Task<AccessionReply?> LoadAsync(string accession, CancellationToken ct);
}

/// <summary>
/// gRPC service implementation for accession lookups used by the regeneration planner
/// and the field tablets. Instances are created per call; the lookup cache is shared
/// by all calls on the server.
/// </summary>
public sealed class AccessionLookupService
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<AccessionReply?>>> s_cache = new(StringComparer.OrdinalIgnoreCase);

    private readonly IGermLabRepository _repository;
    private readonly ILogger<AccessionLookupService> _logger;

    public AccessionLookupService(IGermLabRepository repository, ILogger<AccessionLookupService> logger)
    {
        _repository = repository;
        _logger = logger;
    }

    public async Task<AccessionReply?> GetAccession(AccessionRequest request, CancellationToken ct)
    {
        var entry = s_cache.GetOrAdd(
            request.Accession,
            key => new Lazy<Task<AccessionReply?>>(
                () => _repository.LoadAsync(key, CancellationToken.None),
                LazyThreadSafetyMode.ExecutionAndPublication));

        try
        {
            return await entry.Value.WaitAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Lookup of {Accession} failed", request.Accession);
            s_cache.TryRemove(new KeyValuePair<string, Lazy<Task<AccessionReply?>>>(request.Accession, entry));
            throw;
        }
    }

    /// <summary>Called by the lab import job after new germination results are recorded.</summary>
    public static void Invalidate(string accession) => s_cache.TryRemove(accession, out _);
}
