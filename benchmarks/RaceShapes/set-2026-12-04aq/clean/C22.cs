using System.Collections.Concurrent;

namespace Blind43.RowingClub.Telemetry;

/// <summary>Scratch space for decoding one burst of stroke-rate telemetry from a boat's cox box.</summary>
public sealed class StrokeDecoder
{
    public readonly List<double> Rates = new(256);
    public readonly List<double> Splits = new(256);

    public void Reset()
    {
        Rates.Clear();
        Splits.Clear();
    }
}

/// <summary>Small pool so the telemetry receiver does not allocate decoders per packet.</summary>
public sealed class DecoderPool
{
    private readonly ConcurrentBag<StrokeDecoder> _items = new();
    private readonly int _maxRetained;
    private int _retained;

    public DecoderPool(int maxRetained) => _maxRetained = maxRetained;

    public StrokeDecoder Rent()
    {
        if (_items.TryTake(out var decoder))
        {
            Interlocked.Decrement(ref _retained);
            return decoder;
        }

        return new StrokeDecoder();
    }

    public void Return(StrokeDecoder decoder)
    {
        decoder.Reset();
        if (Interlocked.Increment(ref _retained) <= _maxRetained)
        {
            _items.Add(decoder);
        }
        else
        {
            Interlocked.Decrement(ref _retained);
        }
    }
}

public sealed record PieceSummary(string Boat, double AverageRate, double BestSplitSeconds, int Strokes);

/// <summary>
/// Receives telemetry bursts from every boat on the water during an outing; bursts from
/// different boats are decoded concurrently on the thread pool.
/// </summary>
public sealed class OutingTelemetryReceiver
{
    private readonly DecoderPool _pool = new(maxRetained: 16);
    private readonly ConcurrentDictionary<string, PieceSummary> _latest = new(StringComparer.OrdinalIgnoreCase);

    public Task OnBurstAsync(string boat, ReadOnlyMemory<byte> payload) => Task.Run(() =>
    {
        var decoder = _pool.Rent();
        try
        {
            var span = payload.Span;
            for (var i = 0; i + 3 < span.Length; i += 4)
            {
                decoder.Rates.Add(span[i] + span[i + 1] / 100.0);
                decoder.Splits.Add(span[i + 2] * 2 + span[i + 3] / 50.0);
            }

            if (decoder.Rates.Count == 0)
            {
                return;
            }

            var summary = new PieceSummary(boat, decoder.Rates.Average(), decoder.Splits.Min(), decoder.Rates.Count);
            _latest[boat] = summary;
        }
        finally
        {
            _pool.Return(decoder);
        }
    });

    public IReadOnlyDictionary<string, PieceSummary> Latest() => new Dictionary<string, PieceSummary>(_latest);
}
