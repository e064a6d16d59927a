namespace Blind58.BrassBandTuner;

/// <summary>
/// Single-producer, single-consumer ring of audio samples. The capture thread writes,
/// the pitch analyser reads. Each side only ever advances its own index.
/// </summary>
public sealed class SampleRing
{
    private readonly float[] _samples;
    private readonly int _mask;
    private long _writeIndex;
    private long _readIndex;

    public SampleRing(int capacityPowerOfTwo)
    {
        if ((capacityPowerOfTwo & (capacityPowerOfTwo - 1)) != 0) throw new ArgumentException("Must be a power of two.");
        _samples = new float[capacityPowerOfTwo];
        _mask = capacityPowerOfTwo - 1;
    }

    public int Write(ReadOnlySpan<float> input)
    {
        long write = _writeIndex;
        long free = _samples.Length - (write - Volatile.Read(ref _readIndex));
        int count = (int)Math.Min(free, input.Length);
        for (int i = 0; i < count; i++)
        {
            _samples[(write + i) & _mask] = input[i];
        }

        Volatile.Write(ref _writeIndex, write + count);
        return count;
    }

    public int Read(Span<float> output)
    {
        long read = _readIndex;
        long available = Volatile.Read(ref _writeIndex) - read;
        int count = (int)Math.Min(available, output.Length);
        for (int i = 0; i < count; i++)
        {
            output[i] = _samples[(read + i) & _mask];
        }

        Volatile.Write(ref _readIndex, read + count);
        return count;
    }
}

/// <summary>Captures from the practice-room microphone and estimates the sounded pitch.</summary>
public sealed class TunerSession : IDisposable
{
    private readonly SampleRing _ring = new(8192);
    private readonly Func<float[], int> _capture;
    private readonly IProgress<double> _pitchReport;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _captureThread;
    private readonly Task _analyser;

    public TunerSession(Func<float[], int> capture, IProgress<double> pitchReport, int sampleRate)
    {
        _capture = capture;
        _pitchReport = pitchReport;
        _captureThread = new Thread(CaptureLoop) { IsBackground = true, Name = "tuner-capture" };
        _captureThread.Start();
        _analyser = Task.Run(() => AnalyseLoopAsync(sampleRate, _stop.Token));
    }

    private void CaptureLoop()
    {
        var block = new float[512];
        while (!_stop.IsCancellationRequested)
        {
            int n = _capture(block);
            _ring.Write(block.AsSpan(0, n));
        }
    }

    private async Task AnalyseLoopAsync(int sampleRate, CancellationToken cancellationToken)
    {
        var window = new float[2048];
        int filled = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            filled += _ring.Read(window.AsSpan(filled));
            if (filled < window.Length)
            {
                await Task.Delay(10).ConfigureAwait(false);
                continue;
            }

            int crossings = 0;
            for (int i = 1; i < window.Length; i++)
            {
                if (window[i - 1] < 0 && window[i] >= 0) crossings++;
            }

            _pitchReport.Report(crossings * (double)sampleRate / window.Length);
            filled = 0;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _captureThread.Join();
        _analyser.Wait();
        _stop.Dispose();
    }
}
