using System.Net.Http.Json;
using System.Threading.Channels;

namespace Seqish.Sinks;

public sealed record LogRecord(DateTimeOffset Timestamp, string Level, string MessageTemplate, IReadOnlyDictionary<string, object?> Properties);

/// <summary>
/// Ships log records to an HTTP ingestion endpoint in batches. Every logger
/// in the process writes to the one sink instance; a background loop does the
/// network I/O.
/// </summary>
public sealed class HttpBatchingSink : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly int _batchSize;
    private readonly Channel<LogRecord> _buffer;
    private readonly Task _shipper;
    private long _rejected;
    private long _shipped;

    public HttpBatchingSink(HttpClient http, Uri endpoint, int capacity = 5000, int batchSize = 200)
    {
        _http = http;
        _endpoint = endpoint;
        _batchSize = batchSize;
        _buffer = Channel.CreateBounded<LogRecord>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _shipper = Task.Run(ShipLoopAsync);
    }

    public long Shipped => Interlocked.Read(ref _shipped);

    public void Emit(LogRecord record)
    {
        if (!_buffer.Writer.TryWrite(record))
        {
            Interlocked.Increment(ref _rejected);
        }
    }

    private async Task ShipLoopAsync()
    {
        var batch = new List<LogRecord>(_batchSize);
        var reader = _buffer.Reader;

        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _batchSize && reader.TryRead(out var record))
            {
                batch.Add(record);
            }

            long rejected = Interlocked.Exchange(ref _rejected, 0);
            if (rejected > 0)
            {
                batch.Add(new LogRecord(DateTimeOffset.UtcNow, "Warning", "Sink rejected {Count} records",
                    new Dictionary<string, object?> { ["Count"] = rejected }));
            }

            try
            {
                using var response = await _http.PostAsJsonAsync(_endpoint, batch).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                Interlocked.Add(ref _shipped, batch.Count);
            }
            catch (HttpRequestException ex)
            {
                Console.Error.WriteLine($"Log shipping failed, dropping {batch.Count} records: {ex.Message}");
            }

            batch.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _buffer.Writer.TryComplete();
        await _shipper.ConfigureAwait(false);
    }
}
