using System.Globalization;
using System.IO.MemoryMappedFiles;
using Forklift.Buffers;

namespace Forklift.Transport;

/// <summary>
/// A message too large for the pipe, written to a file in <c>/dev/shm</c> (memory, not disk) that the peer maps and
/// deletes as soon as it has opened it. Only the file's name travels through the pipe.
/// </summary>
/// <remarks>
/// <para><b>Why files in /dev/shm and not memfd.</b> A memfd's descriptor cannot cross our plain pipes (that needs
/// <c>SCM_RIGHTS</c> over a Unix socket), and opening <c>/proc/&lt;pid&gt;/fd/&lt;n&gt;</c> of the peer races with
/// the writer closing it and is refused under <c>ptrace</c> restrictions (Yama, containers). A named file in the tmpfs
/// is opened by name, can be deleted by either side, and can be found again after a crash; that last point is what
/// makes cleanup provable.</para>
/// <para><b>Names</b> are <c>forklift-&lt;pool pid&gt;-&lt;worker pid&gt;-&lt;random&gt;</c>, for both directions. So
/// the pool deletes every segment of a worker it lost (crash, kill, timeout, recycle: <see cref="DeleteAll(int, int)"/>),
/// a worker whose parent died deletes every segment of that parent (<see cref="DeleteAll(int)"/>), and the first pool
/// of a process sweeps segments whose pool process no longer exists (<see cref="SweepDeadPools"/>).</para>
/// <para>The reader gets only the file name (no directory, no <c>..</c>): a peer cannot make it open or delete
/// anything outside <c>/dev/shm/forklift-&lt;pool pid&gt;-</c>.</para>
/// </remarks>
internal sealed class SharedMemorySegment : ISpillTarget
{
    /// <summary>Messages longer than this go through shared memory on Linux. 1 MiB: below it the pipe is as fast (a
    /// 1 MiB frame crosses in about 1.5 ms at the pipe's ~0.7 GB/s, while a segment costs a create, an open, an
    /// unlink and a map, tens of µs, plus a page fault per 4 KiB on both sides), and it is also the size up to which
    /// a pooled send buffer is kept between messages, so the pipe path never holds an array larger than this.</summary>
    public const int Threshold = 1024 * 1024;

    private const string Directory = "/dev/shm/";
    private const string Prefix = "forklift-";
    private static int s_swept;

    // Kept as the FileStream that owns the handle (dropping the stream would let its finalizer close the handle).
    private readonly FileStream _file;

    private SharedMemorySegment(string name, FileStream file)
    {
        Name = name;
        _file = file;
    }

    /// <summary>Whether large messages can go through shared memory here: Linux with a <c>/dev/shm</c>. Elsewhere
    /// (Windows, where <c>MemoryMappedFile</c> is the plan, and macOS) every message goes through the pipe.</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux() && System.IO.Directory.Exists(Directory);

    /// <summary>The file name (without directory) the peer is told.</summary>
    public string Name { get; }

    /// <summary>Creates an empty segment for a message between pool <paramref name="poolPid"/> and its worker <paramref name="workerPid"/>.</summary>
    public static SharedMemorySegment Create(int poolPid, int workerPid)
    {
        string name = string.Create(CultureInfo.InvariantCulture, $"{Prefix}{poolPid}-{workerPid}-{Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8))}");

        // CreateNew: a random name never meets an existing file, and if it did we must not write into someone else's.
        // Owner-only: /dev/shm is shared by every user of the machine, and the values are the app's data. Shared (not
        // None): on Unix .NET implements FileShare.None with an exclusive flock, which the reader would then wait on.
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var file = new FileStream(Directory + name, options);
        return new SharedMemorySegment(name, file);
    }

    /// <summary>Maps the segment called <paramref name="name"/> (which must belong to the connection between pool
    /// <paramref name="poolPid"/> and worker <paramref name="workerPid"/>) and deletes its name at once: from then on
    /// the memory lives exactly as long as the mapping.</summary>
    /// <exception cref="InvalidDataException">The name is not one of ours, or the segment is gone or empty.</exception>
    public static MappedSegment OpenAndDelete(string name, int poolPid, int workerPid)
    {
        string expected = string.Create(CultureInfo.InvariantCulture, $"{Prefix}{poolPid}-{workerPid}-");
        if (!name.StartsWith(expected, StringComparison.Ordinal) || name.Contains('/') || name.Contains('\0') || name.Contains(".."))
        {
            throw new InvalidDataException($"A shared-memory frame named '{name}', which is not a segment of this pool.");
        }

        string path = Directory + name;
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        }
        catch (IOException e)
        {
            throw new InvalidDataException($"The shared-memory segment '{name}' of a frame is missing: {e.Message}", e);
        }

        try
        {
            File.Delete(path);
            long length = stream.Length;
            if (length <= 0 || length > int.MaxValue)
            {
                throw new InvalidDataException($"The shared-memory segment '{name}' holds {length} bytes.");
            }

            MemoryMappedFile map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            return new MappedSegment(map, (int)length);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Deletes every segment between pool <paramref name="poolPid"/> and its worker <paramref name="workerPid"/>
    /// (the worker is gone; nobody will read them).</summary>
    public static void DeleteAll(int poolPid, int workerPid)
        => DeleteMatching(string.Create(CultureInfo.InvariantCulture, $"{Prefix}{poolPid}-{workerPid}-*"));

    /// <summary>Deletes every segment of pool <paramref name="poolPid"/> (it is dead).</summary>
    public static void DeleteAll(int poolPid)
        => DeleteMatching(string.Create(CultureInfo.InvariantCulture, $"{Prefix}{poolPid}-*"));

    /// <summary>Once per process: deletes the segments of pools whose process no longer exists (killed with
    /// SIGKILL while a large message was in flight, before any of its workers could clean up).</summary>
    /// <remarks>A dead pool's pid reused by a live process keeps its segments until that process is gone too.</remarks>
    public static void SweepDeadPools()
    {
        if (!IsSupported || Interlocked.Exchange(ref s_swept, 1) != 0)
        {
            return;
        }

        try
        {
            foreach (string path in System.IO.Directory.EnumerateFiles(Directory, Prefix + "*"))
            {
                ReadOnlySpan<char> rest = Path.GetFileName(path.AsSpan())[Prefix.Length..];
                int dash = rest.IndexOf('-');
                if (dash > 0 && int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                    && pid != Environment.ProcessId && !System.IO.Directory.Exists(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}")))
                {
                    TryDelete(path);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<byte> bytes, long offset) => RandomAccess.Write(_file.SafeFileHandle, bytes, offset);

    /// <summary>Closes the writer's handle; the file stays for the peer, who deletes it.</summary>
    public void Dispose() => _file.Dispose();

    /// <inheritdoc/>
    public void Delete()
    {
        _file.Dispose();
        TryDelete(Directory + Name);
    }

    private static void DeleteMatching(string pattern)
    {
        if (!IsSupported)
        {
            return;
        }

        try
        {
            foreach (string path in System.IO.Directory.EnumerateFiles(Directory, pattern))
            {
                TryDelete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
