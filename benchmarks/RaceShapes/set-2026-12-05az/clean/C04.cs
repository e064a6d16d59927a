using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Blind52.Vineyard.ValveLog;

public readonly record struct ValveEvent(int BlockId, int ValveId, bool Opened, double LitresPerMinute, DateTimeOffset At);

public interface IValveEventStore
{
    Task WriteBatchAsync(IReadOnlyList<ValveEvent> batch, CancellationToken ct);
}

/// <summary>
/// Buffers valve open/close events from the drip-irrigation controllers and
/// writes them to the store in batches, either when a batch fills up or when
/// the flush interval passes. Controllers call <see cref="Enqueue"/> from their
/// own threads.
/// </summary>
public sealed class ValveEventBatchWriter : IAsyncDisposable
{
    private readonly Channel<ValveEvent> _channel =
        Channel.CreateUnbounded<ValveEvent>(new UnboundedChannelOptions { SingleReader = true });

    private readonly IValveEventStore _store;
    private readonly int _maxBatch;
    private readonly TimeSpan _flushInterval;
    private readonly Task _pump;

    public ValveEventBatchWriter(IValveEventStore store, int maxBatch, TimeSpan flushInterval)
    {
        _store = store;
        _maxBatch = maxBatch;
        _flushInterval = flushInterval;
        _pump = Task.Run(PumpAsync);
    }

    public bool Enqueue(ValveEvent valveEvent) => _channel.Writer.TryWrite(valveEvent);

    private async Task PumpAsync()
    {
        var batch = new List<ValveEvent>(_maxBatch);
        using var timer = new PeriodicTimer(_flushInterval);
        Task<bool> tick = timer.WaitForNextTickAsync().AsTask();
        Task<bool> readable = _channel.Reader.WaitToReadAsync().AsTask();

        while (true)
        {
            var completed = await Task.WhenAny(readable, tick).ConfigureAwait(false);
            if (completed == readable)
            {
                if (!await readable.ConfigureAwait(false))
                {
                    break;
                }

                while (_channel.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                    if (batch.Count >= _maxBatch)
                    {
                        await FlushAsync(batch).ConfigureAwait(false);
                    }
                }

                readable = _channel.Reader.WaitToReadAsync().AsTask();
            }
            else
            {
                await tick.ConfigureAwait(false);
                if (batch.Count > 0)
                {
                    await FlushAsync(batch).ConfigureAwait(false);
                }

                tick = timer.WaitForNextTickAsync().AsTask();
            }
        }

        if (batch.Count > 0)
        {
            await FlushAsync(batch).ConfigureAwait(false);
        }
    }

    private async Task FlushAsync(List<ValveEvent> batch)
    {
        var toWrite = batch.ToArray();
        batch.Clear();
        try
        {
            await _store.WriteBatchAsync(toWrite, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"Valve log write failed for {toWrite.Length} events: {ex.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
    }
}
