namespace Imaging.Batch;

public sealed class ThumbnailSettings
{
    public int MaxWidth { get; set; } = 320;
    public int MaxHeight { get; set; } = 240;
    public string OutputSuffix { get; set; } = "_thumb";
}

/// <summary>
/// Splits a list of images into fixed partitions and processes each partition
/// on a dedicated thread. The CLI creates one batch per invocation, calls
/// <see cref="Run"/> once, and wires Ctrl+C to <see cref="Cancel"/>.
/// </summary>
public sealed class ThumbnailBatch
{
    private readonly IReadOnlyList<string> _inputs;
    private ThumbnailSettings _settings = new();
    private string _outputDirectory = ".";
    private int[] _processedPerWorker = Array.Empty<int>();
    private volatile bool _cancelRequested;

    public ThumbnailBatch(IReadOnlyList<string> inputs) => _inputs = inputs;

    public void Cancel() => _cancelRequested = true;

    public int Run(ThumbnailSettings settings, string outputDirectory, int workerCount)
    {
        _settings = settings;
        _outputDirectory = outputDirectory;
        _processedPerWorker = new int[workerCount];
        Directory.CreateDirectory(outputDirectory);

        var threads = new Thread[workerCount];
        for (int w = 0; w < workerCount; w++)
        {
            int worker = w;
            threads[w] = new Thread(() => ProcessPartition(worker, workerCount)) { Name = $"thumb-{w}" };
        }

        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        int total = 0;
        foreach (var count in _processedPerWorker)
        {
            total += count;
        }

        return total;
    }

    private void ProcessPartition(int worker, int workerCount)
    {
        for (int i = worker; i < _inputs.Count; i += workerCount)
        {
            if (_cancelRequested)
            {
                return;
            }

            var input = _inputs[i];
            var name = Path.GetFileNameWithoutExtension(input) + _settings.OutputSuffix + Path.GetExtension(input);
            var output = Path.Combine(_outputDirectory, name);

            if (TryResize(input, output, _settings.MaxWidth, _settings.MaxHeight))
            {
                _processedPerWorker[worker]++;
            }
        }
    }

    private static bool TryResize(string input, string output, int maxWidth, int maxHeight)
    {
        try
        {
            // Resizing itself is done by the imaging library in the full
            // build; this copies the original as a placeholder.
            var info = new FileInfo(input);
            if (!info.Exists)
            {
                return false;
            }

            File.Copy(input, output, overwrite: true);
            return maxWidth > 0 && maxHeight > 0;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
