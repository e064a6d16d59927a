using System.Runtime.InteropServices;

namespace Blind34.Lifeboat.Beacon;

internal static class BeaconNative
{
    public static IntPtr Open(int channel) => Marshal.AllocHGlobal(16 + channel);

    public static void Close(IntPtr handle) => Marshal.FreeHGlobal(handle);

    public static int Transmit(IntPtr handle, ReadOnlySpan<byte> message) => handle == IntPtr.Zero ? -1 : message.Length;
}

/// <summary>
/// Wraps the native handle of the station's AIS beacon transmitter.
/// </summary>
public sealed class BeaconTransmitter : IDisposable
{
    private readonly object _transmitGate = new();
    private IntPtr _handle;
    private int _sent;

    public BeaconTransmitter(int channel) => _handle = BeaconNative.Open(channel);

    ~BeaconTransmitter()
    {
        Release();
    }

    public int Sent => Volatile.Read(ref _sent);

    public bool Transmit(ReadOnlySpan<byte> message)
    {
        lock (_transmitGate)
        {
            var handle = _handle;
            if (handle == IntPtr.Zero)
            {
                return false;
            }

            var ok = BeaconNative.Transmit(handle, message) == message.Length;
            if (ok)
            {
                _sent++;
            }

            return ok;
        }
    }

    public void Dispose()
    {
        lock (_transmitGate)
        {
            Release();
        }

        GC.SuppressFinalize(this);
    }

    private void Release()
    {
        var handle = Interlocked.Exchange(ref _handle, IntPtr.Zero);
        if (handle != IntPtr.Zero)
        {
            BeaconNative.Close(handle);
        }
    }
}

public sealed class StationShutdown
{
    private readonly BeaconTransmitter _beacon;

    public StationShutdown(BeaconTransmitter beacon)
    {
        _beacon = beacon;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => _beacon.Dispose();
    }

    public Task BroadcastPositionAsync(Func<byte[]> position, CancellationToken ct) => Task.Run(async () =>
    {
        while (!ct.IsCancellationRequested && _beacon.Transmit(position()))
        {
            await Task.Delay(TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
        }
    }, ct);
}
