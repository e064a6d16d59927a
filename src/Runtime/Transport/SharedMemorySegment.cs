using System.Globalization;
using System.Runtime.InteropServices;
using Forklift.Buffers;

namespace Forklift.Transport;

/// <summary>
/// A file in <c>/dev/shm</c> (memory, not disk) that one side writes large messages into and the peer maps: only the
/// file's name travels through the pipe. The writer's end: it maps the file and copies each message into it.
/// </summary>
/// <remarks>
/// <para><b>Why files in /dev/shm and not memfd.</b> A memfd's descriptor cannot cross our plain pipes (that needs
/// <c>SCM_RIGHTS</c> over a Unix socket), and opening <c>/proc/&lt;pid&gt;/fd/&lt;n&gt;</c> of the peer races with
/// the writer closing it and is refused under <c>ptrace</c> restrictions (Yama, containers). A named file in the tmpfs
/// is opened by name, can be deleted by either side, and can be found again after a crash; that last point is what
/// makes cleanup provable.</para>
/// <para><b>Names</b> are <c>forklift-&lt;pool pid&gt;-&lt;worker pid&gt;-&lt;random&gt;</c>, for both directions. The
/// reader deletes the name as soon as it has the file open (from then on the memory lives exactly as long as the two
/// mappings); until then, the pool deletes every segment of a worker it lost (crash, kill, timeout, recycle:
/// <see cref="DeleteAll(int, int)"/>), a worker whose parent died deletes every segment of that parent
/// (<see cref="DeleteAll(int)"/>), and the first pool of a process sweeps segments whose pool process no longer exists
/// (<see cref="SweepDeadPools"/>).</para>
/// <para><b>Reuse.</b> A fresh segment costs the kernel a zeroed page per 4 KiB and each side a page fault per page
/// (about as much as the copies themselves), so each direction of a connection keeps one segment
/// (<see cref="OutgoingSegments"/>) and reuses it for the next large message once the reader has released it: the
/// first word of the file (<see cref="ControlSize"/> bytes before the frame) is 1 while the reader may still read the
/// frame, and the reader sets it back to 0. A message that finds the kept segment still in use gets a one-shot
/// segment of its own.</para>
/// <para><b>Space.</b> The writer reserves the file's pages with <c>posix_fallocate</c> before it copies into the
/// mapping, so a full <c>/dev/shm</c> (64 MB by default in Docker) fails the call with an <see cref="IOException"/>
/// instead of killing the process with SIGBUS on a write into a page that cannot be allocated.</para>
/// <para>The reader gets only the file name (no directory, no <c>..</c>): a peer cannot make it open or delete
/// anything outside <c>/dev/shm/forklift-&lt;pool pid&gt;-</c>.</para>
/// </remarks>
internal sealed unsafe class SharedMemorySegment : ISpillTarget
{
    /// <summary>Messages longer than this go through shared memory on Linux. 1 MiB: below it the pipe is as fast (a
    /// 1 MiB frame crosses in about 1.5 ms at the pipe's ~0.7 GB/s, while a new segment costs a create, an open, an
    /// unlink and a map, tens of µs, plus its pages), and it is also the size up to which a pooled send buffer is
    /// kept between messages, so the pipe path never holds an array larger than this.</summary>
    public const int Threshold = 1024 * 1024;

    /// <summary>Bytes before the frame in the file: the in-use word (an <see cref="int"/>), the trim count (an
    /// <see cref="int"/>, see <see cref="TryTrim"/>), padded to a cache line.</summary>
    public const int ControlSize = 64;

    /// <summary>Offset in the file of the number of times the writer gave the segment's pages back (<see cref="TryTrim"/>):
    /// a reader that sees it change faults its mapping in again.</summary>
    public const int TrimCountOffset = 4;

    private const string Directory = "/dev/shm/";
    private const string Prefix = "forklift-";

    // The file is reserved in steps of this (a message is written in staging windows of up to the threshold), and
    // mapped with room to grow (at least MinimumMapping, then doubling), so a message rarely needs a new mapping.
    private const long AllocationStep = Threshold;
    private const long MinimumMapping = 64L * 1024 * 1024;

    private static int s_swept;

    // Kept as the FileStream that owns the descriptor (dropping the stream would let its finalizer close it).
    private readonly FileStream _file;
    private byte* _map;
    private long _mapped;
    private long _allocated;
    private long _populated;
    private bool _closed;

    private SharedMemorySegment(string name, FileStream file, OutgoingSegments? owner)
    {
        Name = name;
        _file = file;
        Owner = owner;
    }

    /// <summary>Whether large messages can go through shared memory here: Linux with a <c>/dev/shm</c>. Elsewhere
    /// (Windows, where <c>MemoryMappedFile</c> is the plan, and macOS) every message goes through the pipe.</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux() && System.IO.Directory.Exists(Directory);

    /// <summary>The file name (without directory) the peer is told.</summary>
    public string Name { get; }

    /// <summary>Whether this is the kept segment of an <see cref="OutgoingSegments"/> (reused after the reader
    /// releases it) rather than a one-shot segment for a single message.</summary>
    public bool IsKept => Owner is not null;

    /// <summary>The <see cref="OutgoingSegments"/> that keeps this segment, or <see langword="null"/> for one message.</summary>
    public OutgoingSegments? Owner { get; private set; }

    /// <summary>Bytes reserved in the file (the largest message it held, rounded up).</summary>
    public long Capacity => _allocated;

    /// <summary>Creates an empty segment for a message between pool <paramref name="poolPid"/> and its worker
    /// <paramref name="workerPid"/>; <paramref name="owner"/> keeps it for reuse, or <see langword="null"/> for one message.</summary>
    public static SharedMemorySegment Create(int poolPid, int workerPid, OutgoingSegments? owner)
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
        var segment = new SharedMemorySegment(name, file, owner);
        try
        {
            segment.Reserve(ControlSize);
        }
        catch
        {
            segment.Close(deleteName: true);
            throw;
        }

        return segment;
    }

    /// <summary>Opens the segment called <paramref name="name"/> (which must belong to the connection between pool
    /// <paramref name="poolPid"/> and worker <paramref name="workerPid"/>) for reading and deletes its name at once:
    /// from then on the memory lives exactly as long as the descriptor and the mappings.</summary>
    /// <exception cref="InvalidDataException">The name is not one of ours, or the segment is gone.</exception>
    public static FileStream OpenAndDelete(string name, int poolPid, int workerPid)
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
            // Read and write: the reader releases a kept segment by clearing its in-use word.
            stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        }
        catch (IOException e)
        {
            throw new InvalidDataException($"The shared-memory segment '{name}' of a frame is missing: {e.Message}", e);
        }

        TryDelete(path);
        return stream;
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

    /// <summary>For a kept segment: takes it for a new message if the reader has released the last one.</summary>
    public bool TryTake()
    {
        if (_closed || Volatile.Read(ref *(int*)_map) != 0)
        {
            return false;
        }

        Volatile.Write(ref *(int*)_map, 1);
        return true;
    }

    /// <summary>For a kept segment the reader has released: gives back the memory of everything past the first
    /// allocation step (the segment stays, and grows again for the next large message), so an idle connection does not
    /// hold the largest message it ever carried. <see langword="false"/> if the reader still holds the last message
    /// or there is nothing to give back.</summary>
    /// <remarks>The pages are freed with a hole punched in the file rather than by shrinking it: a hole reads as
    /// zeros, so neither side's mapping can ever fault with SIGBUS, and the writer fills it again (with
    /// <c>posix_fallocate</c>, so a full <c>/dev/shm</c> is still an exception) before it copies the next message in.</remarks>
    public bool TryTrim()
    {
        if (_allocated <= AllocationStep || !TryTake())
        {
            return false;
        }

        try
        {
            if (PosixInterop.Fallocate((int)_file.SafeFileHandle.DangerousGetHandle(), PosixInterop.FALLOC_FL_KEEP_SIZE | PosixInterop.FALLOC_FL_PUNCH_HOLE, AllocationStep, _allocated - AllocationStep) != 0)
            {
                return false;
            }

            _allocated = AllocationStep;
            _populated = Math.Min(_populated, AllocationStep);
            _ = Interlocked.Increment(ref *(int*)(_map + TrimCountOffset));
            return true;
        }
        finally
        {
            Volatile.Write(ref *(int*)_map, 0);
        }
    }

    /// <summary>Bytes from the start of the file up to its first hole: how much of it holds memory (for tests).</summary>
    public long ResidentPrefix => PosixInterop.Lseek((int)_file.SafeFileHandle.DangerousGetHandle(), 0, PosixInterop.SEEK_HOLE);

    /// <summary>The owner no longer keeps this segment: from now on it is one-shot (unmapped once sent).</summary>
    public void Disown() => Owner = null;

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<byte> bytes, long offset)
    {
        long at = ControlSize + offset;
        Reserve(at + bytes.Length);
        if (at + bytes.Length > _populated)
        {
            // Fault the new pages in with one call rather than one fault per 4 KiB while copying.
            long from = _populated & ~4095L;
            _ = PosixInterop.Madvise(_map + from, (nuint)(_allocated - from), PosixInterop.MADV_POPULATE_WRITE);
            _populated = _allocated;
        }

        NonTemporalCopy.Copy(bytes, new Span<byte>(_map + at, bytes.Length));
    }

    /// <summary>The message was abandoned (its encoding failed) or could not be handed over (the pipe broke): a kept
    /// segment is free again, a one-shot one is deleted.</summary>
    public void Abandon()
    {
        if (IsKept)
        {
            Volatile.Write(ref *(int*)_map, 0);
        }
        else
        {
            Close(deleteName: true);
        }
    }

    /// <summary>The reference to this segment was written: a one-shot segment is the reader's now (it deletes the
    /// name), so the writer unmaps it and closes its descriptor.</summary>
    public void Sent()
    {
        if (!IsKept)
        {
            Close(deleteName: false);
        }
    }

    /// <summary>Unmaps the segment and closes the descriptor, deleting the name too if the reader may never open it.</summary>
    public void Close(bool deleteName)
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        if (_map != null)
        {
            _ = PosixInterop.Munmap(_map, (nuint)_mapped);
            _map = null;
        }

        _file.Dispose();
        if (deleteName)
        {
            TryDelete(Directory + Name);
        }
    }

    /// <summary>Makes the first <paramref name="length"/> bytes of the file real pages, and maps at least that much.</summary>
    private void Reserve(long length)
    {
        if (length > _allocated)
        {
            long target = (length + AllocationStep - 1) / AllocationStep * AllocationStep;
            int error = PosixInterop.PosixFallocate((int)_file.SafeFileHandle.DangerousGetHandle(), _allocated, target - _allocated);
            if (error != 0)
            {
                throw new IOException($"Could not reserve {target / (1024 * 1024)} MiB in /dev/shm for a large message (error {error}; is /dev/shm full or too small?).");
            }

            _allocated = target;
        }

        if (length > _mapped)
        {
            long size = Math.Max(MinimumMapping, _mapped);
            while (size < _allocated)
            {
                size *= 2;
            }

            // Mapped beyond the end of the file, which is allowed: only the reserved part is ever touched.
            void* map = PosixInterop.Mmap(null, (nuint)size, PosixInterop.PROT_READ | PosixInterop.PROT_WRITE, PosixInterop.MAP_SHARED, (int)_file.SafeFileHandle.DangerousGetHandle(), 0);
            if (map == (void*)-1)
            {
                throw new IOException($"Could not map a {size / (1024 * 1024)} MiB shared-memory segment (errno {Marshal.GetLastPInvokeError()}).");
            }

            if (_map != null)
            {
                _ = PosixInterop.Munmap(_map, (nuint)_mapped);
            }

            _map = (byte*)map;
            _mapped = size;
            _populated = 0;
        }
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
