using System.Net.Sockets;
using System.Threading.Channels;

namespace Blind42.SailLoft.Press;

/// <summary>
/// Connection to the seam-welding press. Weld commands are queued by any thread of the loft
/// application; a single writer loop sends them to the socket in order.
/// </summary>
public sealed class SeamPressConnection : IAsyncDisposable
{
    private readonly NetworkStream _stream;
    private readonly Channel<byte[]> _outbound = Channel.CreateBounded<byte[]>(
        new BoundedChannelOptions(256) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Task _sendLoop;
    private readonly Task _receiveLoop;
    private long _bytesSent;

    public SeamPressConnection(Socket socket, Action<string> onStatus)
    {
        _stream = new NetworkStream(socket, ownsSocket: true);
        _sendLoop = SendLoopAsync();
        _receiveLoop = ReceiveLoopAsync(onStatus);
    }

    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public ValueTask SendAsync(byte[] command, CancellationToken cancellationToken = default) =>
        _outbound.Writer.WriteAsync(command, cancellationToken);

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var command in _outbound.Reader.ReadAllAsync(_shutdown.Token).ConfigureAwait(false))
            {
                await _stream.WriteAsync(command, _shutdown.Token).ConfigureAwait(false);
                Interlocked.Add(ref _bytesSent, command.Length);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
            _outbound.Writer.TryComplete();
        }
    }

    private async Task ReceiveLoopAsync(Action<string> onStatus)
    {
        var buffer = new byte[512];
        try
        {
            int read;
            while ((read = await _stream.ReadAsync(buffer, _shutdown.Token).ConfigureAwait(false)) > 0)
            {
                onStatus(System.Text.Encoding.ASCII.GetString(buffer, 0, read).TrimEnd());
            }
            onStatus("press disconnected");
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException ex)
        {
            onStatus("press error: " + ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _outbound.Writer.TryComplete();
        _shutdown.CancelAfter(TimeSpan.FromSeconds(5));
        await _sendLoop.ConfigureAwait(false);
        _shutdown.Cancel();
        await _receiveLoop.ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _shutdown.Dispose();
    }
}
