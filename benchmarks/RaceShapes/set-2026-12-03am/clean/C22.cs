using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Blind39.YurtMakers.FeltPress;

public sealed record FeltPanel(string OrderId, double WidthMetres, double LengthMetres, int Layers);

/// <summary>
/// Feeds felt-panel jobs to the workshop's rolling press. Order-entry screens submit
/// jobs; a background worker drives the press. Disposing stops intake and
/// waits for the job on the press to finish.
/// </summary>
public sealed class FeltPressQueue : IAsyncDisposable
{
    private readonly Channel<FeltPanel> _jobs = Channel.CreateBounded<FeltPanel>(new BoundedChannelOptions(32)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });
    private readonly Func<FeltPanel, CancellationToken, Task> _press;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Task _worker;
    private int _disposed;
    private int _pressed;
    private int _failed;

    public FeltPressQueue(Func<FeltPanel, CancellationToken, Task> press)
    {
        _press = press;
        _worker = Task.Run(WorkAsync);
    }

    public int Pressed => Volatile.Read(ref _pressed);

    public int Failed => Volatile.Read(ref _failed);

    public bool TrySubmit(FeltPanel panel)
    {
        if (Volatile.Read(ref _disposed) != 0)
            return false;
        return _jobs.Writer.TryWrite(panel);
    }

    private async Task WorkAsync()
    {
        await foreach (var panel in _jobs.Reader.ReadAllAsync())
        {
            try
            {
                await _press(panel, _shutdown.Token);
                Interlocked.Increment(ref _pressed);
            }
            catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
            {
                break;
            }
            catch (Exception)
            {
                Interlocked.Increment(ref _failed);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;

        _jobs.Writer.TryComplete();
        try
        {
            await _worker.WaitAsync(TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException)
        {
            _shutdown.Cancel();
            await _worker;
        }
        _shutdown.Dispose();
    }
}
