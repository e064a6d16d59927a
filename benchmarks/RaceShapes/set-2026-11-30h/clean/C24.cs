using System.Net.Sockets;
using System.Text;

namespace Blind8.Devices.Telemetry;

public sealed class TelemetryLineEventArgs : EventArgs
{
    public TelemetryLineEventArgs(string line, DateTime receivedUtc)
    {
        Line = line;
        ReceivedUtc = receivedUtc;
    }

    public string Line { get; }
    public DateTime ReceivedUtc { get; }
}

/// <summary>
/// Reads newline-delimited telemetry from a device over TCP. Events are raised
/// on the receive thread; subscribers may attach or detach at any time.
/// </summary>
public sealed class TelemetryConnection : IDisposable
{
    private readonly TcpClient _client;
    private long _linesReceived;
    private int _closed;

    public TelemetryConnection(TcpClient client) => _client = client;

    public event EventHandler<TelemetryLineEventArgs>? LineReceived;

    public event EventHandler? Closed;

    public long LinesReceived => Interlocked.Read(ref _linesReceived);

    public void Start()
    {
        new Thread(ReceiveLoop) { IsBackground = true, Name = "telemetry-rx" }.Start();
    }

    private void ReceiveLoop()
    {
        try
        {
            using var reader = new StreamReader(_client.GetStream(), Encoding.ASCII);
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                Interlocked.Increment(ref _linesReceived);
                OnLineReceived(new TelemetryLineEventArgs(line, DateTime.UtcNow));
            }
        }
        catch (IOException)
        {
            // Connection dropped.
        }
        catch (ObjectDisposedException)
        {
            // Disposed while reading.
        }
        finally
        {
            OnClosed();
        }
    }

    private void OnLineReceived(TelemetryLineEventArgs args)
    {
        var handler = Volatile.Read(ref LineReceived);
        handler?.Invoke(this, args);
    }

    private void OnClosed()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            var handler = Volatile.Read(ref Closed);
            handler?.Invoke(this, EventArgs.Empty);
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        OnClosed();
    }
}

/// <summary>Counts alarm lines coming from any number of device connections.</summary>
public sealed class AlarmCounter
{
    private long _alarms;

    public long Alarms => Interlocked.Read(ref _alarms);

    public void Attach(TelemetryConnection connection)
    {
        connection.LineReceived += OnLine;
        connection.Closed += (sender, _) => ((TelemetryConnection)sender!).LineReceived -= OnLine;
    }

    private void OnLine(object? sender, TelemetryLineEventArgs e)
    {
        if (e.Line.StartsWith("ALARM", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _alarms);
        }
    }
}
