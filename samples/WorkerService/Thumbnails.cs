using Forklift;

namespace WorkerService;

/// <summary>Stands in for image work: CPU-bound, and memory-hungry enough to want a pool of its own.</summary>
public static partial class Thumbnails
{
    /// <summary>"Renders" a thumbnail: a checksum over a generated image, and the worker that did it.</summary>
    [Parallel]
    public static (long Checksum, int WorkerPid) Render(int imageId, int size)
    {
        long checksum = 17;
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                checksum = (checksum * 31) + ((x * imageId) ^ y);
            }
        }

        return (checksum, Environment.ProcessId);
    }
}
