namespace Blind10.Diagnostics.Correlation;

/// <summary>
/// Ambient correlation id that flows with the logical call context, so that log lines
/// written deep inside an import can be tied back to the batch that produced them.
/// </summary>
public static class CorrelationContext
{
    private static readonly AsyncLocal<string?> s_current = new();

    public static string? Current => s_current.Value;

    public static IDisposable Begin(string correlationId)
    {
        var previous = s_current.Value;
        s_current.Value = correlationId;
        return new Scope(previous);
    }

    private sealed class Scope : IDisposable
    {
        private readonly string? _previous;

        public Scope(string? previous) => _previous = previous;

        public void Dispose() => s_current.Value = _previous;
    }
}

public interface IOrderRepository
{
    Task SaveAsync(IReadOnlyList<string> lines, CancellationToken ct);
}

/// <summary>Imports order CSV batches concurrently.</summary>
public sealed class OrderBatchImporter
{
    private readonly IOrderRepository _repository;
    private readonly Action<string> _log;

    public OrderBatchImporter(IOrderRepository repository, Action<string> log)
    {
        _repository = repository;
        _log = log;
    }

    public async Task<int> ImportAllAsync(IEnumerable<string> batchFiles, CancellationToken ct)
    {
        int[] counts = await Task.WhenAll(batchFiles.Select(file => ImportBatchAsync(file, ct))).ConfigureAwait(false);
        return counts.Sum();
    }

    private async Task<int> ImportBatchAsync(string batchFile, CancellationToken ct)
    {
        using var scope = CorrelationContext.Begin($"{Path.GetFileNameWithoutExtension(batchFile)}-{Guid.NewGuid():N}");
        Log($"starting {batchFile}");

        var lines = await File.ReadAllLinesAsync(batchFile, ct).ConfigureAwait(false);
        var rows = lines.Skip(1).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();

        await _repository.SaveAsync(rows, ct).ConfigureAwait(false);
        Log($"saved {rows.Count} orders");
        return rows.Count;
    }

    private void Log(string message) => _log($"[{CorrelationContext.Current ?? "-"}] {message}");
}
