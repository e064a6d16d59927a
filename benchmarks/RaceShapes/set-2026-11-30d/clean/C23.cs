namespace Blind4.Clean.Media.Thumbnails;

public sealed record ThumbnailJobResult(int Processed, int Skipped, long BytesWritten);

/// <summary>
/// Generates thumbnails for a folder of images using a fixed number of worker threads,
/// each taking a contiguous slice of the file list.
/// </summary>
public sealed class ThumbnailBatch
{
    private readonly int _threadCount;
    private string[] _files = Array.Empty<string>();
    private string _outputDirectory = string.Empty;
    private int _maxEdge;
    private int[] _processedPerWorker = Array.Empty<int>();
    private int[] _skippedPerWorker = Array.Empty<int>();
    private long[] _bytesPerWorker = Array.Empty<long>();

    public ThumbnailBatch(int threadCount)
    {
        _threadCount = Math.Max(1, threadCount);
    }

    public ThumbnailJobResult Run(string inputDirectory, string outputDirectory, int maxEdge)
    {
        _files = Directory.GetFiles(inputDirectory, "*.jpg");
        _outputDirectory = outputDirectory;
        _maxEdge = maxEdge;
        _processedPerWorker = new int[_threadCount];
        _skippedPerWorker = new int[_threadCount];
        _bytesPerWorker = new long[_threadCount];
        Directory.CreateDirectory(_outputDirectory);

        var threads = new Thread[_threadCount];
        for (var w = 0; w < threads.Length; w++)
        {
            var worker = w;
            threads[w] = new Thread(() => ProcessSlice(worker)) { Name = $"thumbs-{worker}" };
            threads[w].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        return new ThumbnailJobResult(_processedPerWorker.Sum(), _skippedPerWorker.Sum(), _bytesPerWorker.Sum());
    }

    private void ProcessSlice(int worker)
    {
        var sliceSize = (_files.Length + _threadCount - 1) / _threadCount;
        var start = worker * sliceSize;
        var end = Math.Min(_files.Length, start + sliceSize);

        for (var i = start; i < end; i++)
        {
            var source = _files[i];
            var target = Path.Combine(_outputDirectory, Path.GetFileNameWithoutExtension(source) + $"_{_maxEdge}.jpg");
            if (File.Exists(target) && File.GetLastWriteTimeUtc(target) >= File.GetLastWriteTimeUtc(source))
            {
                _skippedPerWorker[worker]++;
                continue;
            }

            var bytes = Downscale(File.ReadAllBytes(source), _maxEdge);
            File.WriteAllBytes(target, bytes);
            _processedPerWorker[worker]++;
            _bytesPerWorker[worker] += bytes.Length;
        }
    }

    private static byte[] Downscale(byte[] jpeg, int maxEdge)
    {
        // Placeholder for the imaging library call; keeps the header and truncates the payload.
        var length = Math.Min(jpeg.Length, 1024 + maxEdge * 16);
        return jpeg.AsSpan(0, length).ToArray();
    }
}
