using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;

namespace Ingest.Pipeline;

public sealed record RawRecord(string Source, long Offset, string Line);

/// <summary>
/// Parses raw log lines with several concurrent workers. Each worker accumulates its
/// own batch and flushes it to the sink; rejected lines are collected for a report.
/// </summary>
public sealed class RecordIngestor
{
    private readonly Channel<RawRecord> _input;
    private readonly Func<IReadOnlyList<string>, CancellationToken, Task> _sink;
    private readonly ConcurrentQueue<RawRecord> _rejected = new();
    private readonly int _workers;
    private readonly int _batchSize;

    public RecordIngestor(Func<IReadOnlyList<string>, CancellationToken, Task> sink, int workers = 4, int batchSize = 200)
    {
        _sink = sink;
        _workers = workers;
        _batchSize = batchSize;
        _input = Channel.CreateBounded<RawRecord>(new BoundedChannelOptions(10_000) { SingleReader = false });
    }

    public ChannelWriter<RawRecord> Input => _input.Writer;

    public IReadOnlyCollection<RawRecord> Rejected => _rejected.ToArray();

    public Task RunAsync(CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, _workers).Select(_ => Task.Run(() => WorkerAsync(ct), ct)));

    private async Task WorkerAsync(CancellationToken ct)
    {
        var batch = new List<string>(_batchSize);
        var scratch = new StringBuilder(256);

        await foreach (var record in _input.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            if (!TryNormalize(record.Line, scratch, out var normalized))
            {
                _rejected.Enqueue(record);
                continue;
            }

            batch.Add(normalized);
            if (batch.Count >= _batchSize)
            {
                await _sink(batch.ToArray(), ct).ConfigureAwait(false);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
            await _sink(batch.ToArray(), ct).ConfigureAwait(false);
    }

    private static bool TryNormalize(string line, StringBuilder scratch, out string normalized)
    {
        normalized = string.Empty;
        var parts = line.Split('|');
        if (parts.Length < 3 || !DateTimeOffset.TryParse(parts[0], out var timestamp))
            return false;

        scratch.Clear();
        scratch.Append(timestamp.UtcDateTime.ToString("O")).Append('\t')
               .Append(parts[1].Trim().ToUpperInvariant()).Append('\t')
               .Append(string.Join('|', parts.Skip(2)).Trim());
        normalized = scratch.ToString();
        return true;
    }
}
