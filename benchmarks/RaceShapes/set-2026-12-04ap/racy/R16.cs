using System.Collections.Concurrent;
using System.Net.Sockets;

namespace Blind42.SailLoft.Cutter;

/// <summary>
/// Connection to the sail-cutting plotter. Panel-cut commands are queued by any thread in the
/// loft's layout application and written to the plotter socket in order.
/// </summary>
public sealed class PlotterConnection : IAsyncDisposable
{
    private readonly NetworkStream _stream;
    private readonly ConcurrentQueue<byte[]> _outbound = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Task _receiveLoop;
    private bool _flushing;

    public PlotterConnection(Socket socket, Action<string> onStatus)
    {
        _stream = new NetworkStream(socket, ownsSocket: true);
        _receiveLoop = ReceiveLoopAsync(onStatus);
    }

    public void Send(byte[] command)
    {
        _outbound.Enqueue(command);
        if (!_flushing)
        {
            _flushing = true;
            _ = FlushAsync();
        }
    }

    private async Task FlushAsync()
    {
        try
        {
            while (_outbound.TryDequeue(out var command))
            {
                await _stream.WriteAsync(command, _shutdown.Token).ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // The receive loop reports the disconnect.
        }
        finally
        {
            _flushing = false;
        }
    }

    private async Task ReceiveLoopAsync(Action<string> onStatus)
    {
        var buffer = new byte[512];
        try
        {
            while (true)
            {
                var read = await _stream.ReadAsync(buffer, _shutdown.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    onStatus("plotter disconnected");
                    return;
                }
                onStatus(System.Text.Encoding.ASCII.GetString(buffer, 0, read).TrimEnd());
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException ex)
        {
            onStatus("plotter error: " + ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _shutdown.Cancel();
        await _receiveLoop.ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _shutdown.Dispose();
    }
}
