using System.Collections;
using System.ComponentModel;
using System.IO.Pipes;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Forklift.Transport;

/// <summary>A worker started with <c>posix_spawn</c> (Linux).</summary>
/// <remarks>
/// <para>The worker gets: descriptor 0 = <c>/dev/null</c> (<c>Console.ReadLine()</c> returns <see langword="null"/> at
/// once, and nothing the worker starts can read the protocol), 1 and 2 = pipes the parent forwards to its own standard
/// output and error, and <see cref="WorkerStdio.RequestDescriptor"/> and <see cref="WorkerStdio.ResponseDescriptor"/> = the protocol
/// pipes, which the worker marks close-on-exec before any user code runs. So a process the worker starts (git, a
/// compiler, <c>sh -c 'sleep 30'</c>) holds no protocol descriptor: the parent sees the protocol end the moment the
/// worker dies, whatever its children do.</para>
/// <para>Every pipe is created close-on-exec in the parent; only the spawn's <c>dup2</c> clears the flag, in the child.
/// So a worker (or any process the app starts at the same moment) never inherits another worker's pipes.</para>
/// <para>The worker leads a process group of its own: Ctrl+C in a terminal (SIGINT to the foreground process group)
/// reaches the app, which may drain its calls, but not its workers. They stop when the pool stops them or the
/// parent dies.</para>
/// <para>The exit is read with <c>waitid(WNOWAIT)</c> and only then reaped, under the lock <see cref="Kill"/> takes: a
/// kill is never sent to a pid the system may have reused.</para>
/// </remarks>
internal sealed unsafe class SpawnedProcess : ChildProcess
{
    private readonly object _gate = new();
    private readonly TaskCompletionSource<ChildExit> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly AnonymousPipeServerStream _requests;
    private readonly AnonymousPipeServerStream _responses;
    private readonly AnonymousPipeServerStream _output;
    private readonly AnonymousPipeServerStream _error;
    private bool _reaped;

    private SpawnedProcess(int pid, AnonymousPipeServerStream requests, AnonymousPipeServerStream responses, AnonymousPipeServerStream output, AnonymousPipeServerStream error)
    {
        ProcessId = pid;
        _requests = requests;
        _responses = responses;
        _output = output;
        _error = error;
    }

    public override int ProcessId { get; }

    public override Stream Requests => _requests;

    public override Stream Responses => _responses;

    public override Stream StandardOutput => _output;

    public override Stream StandardError => _error;

    public override Task<ChildExit> Exited => _exited.Task;

    public static new SpawnedProcess Start(string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        // HandleInheritability.None: both ends are created close-on-exec.
        var requests = new AnonymousPipeServerStream(PipeDirection.Out, HandleInheritability.None);
        var responses = new AnonymousPipeServerStream(PipeDirection.In, HandleInheritability.None);
        var output = new AnonymousPipeServerStream(PipeDirection.In, HandleInheritability.None);
        var error = new AnonymousPipeServerStream(PipeDirection.In, HandleInheritability.None);
        try
        {
            int pid = Spawn(
                fileName,
                arguments,
                environment,
                [(output, 1), (error, 2), (requests, WorkerStdio.RequestDescriptor), (responses, WorkerStdio.ResponseDescriptor)]);
            foreach (AnonymousPipeServerStream pipe in new[] { requests, responses, output, error })
            {
                pipe.DisposeLocalCopyOfClientHandle();
            }

            var child = new SpawnedProcess(pid, requests, responses, output, error);
            new Thread(child.WaitForExit) { IsBackground = true, Name = $"Forklift worker {pid} exit" }.Start();
            return child;
        }
        catch
        {
            requests.Dispose();
            responses.Dispose();
            output.Dispose();
            error.Dispose();
            throw;
        }
    }

    public override void Kill()
    {
        lock (_gate)
        {
            if (!_reaped)
            {
                _ = PosixInterop.Kill(ProcessId, PosixInterop.SIGKILL);
            }
        }
    }

    public override bool StandardErrorIsEmpty()
    {
        // Called from the pool's threads while the stream's reader may be closing it at its end: a closed stream has
        // nothing more to give, and the reference keeps the descriptor number from being reused while we ask.
        SafePipeHandle handle;
        bool added = false;
        try
        {
            handle = _error.SafePipeHandle;
            handle.DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
            return true;
        }

        try
        {
            int available = 0;
            return PosixInterop.IoctlInt((int)handle.DangerousGetHandle(), PosixInterop.FIONREAD, &available) != 0 || available == 0;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    public override void WaitForStandardError()
    {
        // Only its reader disposes the stream, after this returns; the reference keeps the number from being reused meanwhile.
        bool added = false;
        _error.SafePipeHandle.DangerousAddRef(ref added);
        try
        {
            var poll = new PosixInterop.PollFd { Fd = Descriptor(_error), Events = PosixInterop.POLLIN };
            while (PosixInterop.Poll(&poll, 1, -1) < 0 && Marshal.GetLastPInvokeError() == PosixInterop.EINTR)
            {
            }
        }
        finally
        {
            if (added)
            {
                _error.SafePipeHandle.DangerousRelease();
            }
        }
    }

    public override void Dispose()
    {
        _requests.Dispose();
        _responses.Dispose();
    }

    private static int Descriptor(AnonymousPipeServerStream pipe) => (int)pipe.SafePipeHandle.DangerousGetHandle();

    private static int Spawn(string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, (AnonymousPipeServerStream Pipe, int Target)[] descriptors)
    {
        var strings = new List<IntPtr>();
        var sources = new List<int>();
        byte* fileActions = stackalloc byte[PosixInterop.OpaqueSize];
        byte* attributes = stackalloc byte[PosixInterop.OpaqueSize];
        byte* noSignals = stackalloc byte[PosixInterop.OpaqueSize];
        byte* allSignals = stackalloc byte[PosixInterop.OpaqueSize];
        PosixInterop.FileActionsInit(fileActions);
        PosixInterop.AttributesInit(attributes);
        try
        {
            IntPtr devNull = Utf8(strings, "/dev/null");
            Check(PosixInterop.FileActionsAddOpen(fileActions, 0, (byte*)devNull, PosixInterop.O_RDONLY, 0), "addopen");
            foreach ((AnonymousPipeServerStream pipe, int target) in descriptors)
            {
                // Copied above every target first, so a dup2 never overwrites the source of a later one (the client
                // end may itself be descriptor 3 or 4 here).
                int source = PosixInterop.Fcntl((int)pipe.ClientSafePipeHandle.DangerousGetHandle(), PosixInterop.F_DUPFD_CLOEXEC, 10);
                if (source < 0)
                {
                    throw new Win32Exception(Marshal.GetLastPInvokeError(), "Could not duplicate a pipe descriptor for a worker.");
                }

                sources.Add(source);
                Check(PosixInterop.FileActionsAddDup2(fileActions, source, target), "adddup2");
            }

            PosixInterop.SignalSetEmpty(noSignals);
            PosixInterop.SignalSetFill(allSignals);
            Check(PosixInterop.AttributesSetFlags(attributes, PosixInterop.POSIX_SPAWN_SETPGROUP | PosixInterop.POSIX_SPAWN_SETSIGMASK | PosixInterop.POSIX_SPAWN_SETSIGDEF), "setflags");
            Check(PosixInterop.AttributesSetProcessGroup(attributes, 0), "setpgroup");
            Check(PosixInterop.AttributesSetSignalMask(attributes, noSignals), "setsigmask");
            Check(PosixInterop.AttributesSetSignalDefault(attributes, allSignals), "setsigdefault");

            IntPtr file = Utf8(strings, fileName);
            IntPtr* argv = stackalloc IntPtr[arguments.Count + 2];
            argv[0] = file;
            for (int i = 0; i < arguments.Count; i++)
            {
                argv[i + 1] = Utf8(strings, arguments[i]);
            }

            argv[arguments.Count + 1] = IntPtr.Zero;
            List<string> variables = EnvironmentBlock(environment);
            IntPtr[] envp = new IntPtr[variables.Count + 1];
            for (int i = 0; i < variables.Count; i++)
            {
                envp[i] = Utf8(strings, variables[i]);
            }

            fixed (IntPtr* env = envp)
            {
                int error = PosixInterop.PosixSpawnp(out int pid, (byte*)file, fileActions, attributes, (byte**)argv, (byte**)env);
                if (error != 0)
                {
                    throw new Win32Exception(error, $"Could not start '{fileName}': {new Win32Exception(error).Message}");
                }

                return pid;
            }
        }
        finally
        {
            PosixInterop.FileActionsDestroy(fileActions);
            PosixInterop.AttributesDestroy(attributes);
            foreach (int source in sources)
            {
                PosixInterop.Close(source);
            }

            foreach (IntPtr s in strings)
            {
                Marshal.FreeCoTaskMem(s);
            }

            foreach ((AnonymousPipeServerStream pipe, _) in descriptors)
            {
                GC.KeepAlive(pipe);
            }
        }
    }

    private static List<string> EnvironmentBlock(IReadOnlyDictionary<string, string?> changes)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            merged[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
        }

        foreach ((string name, string? value) in changes)
        {
            if (value is null)
            {
                merged.Remove(name);
            }
            else
            {
                merged[name] = value;
            }
        }

        var block = new List<string>(merged.Count);
        foreach ((string name, string value) in merged)
        {
            block.Add(name + "=" + value);
        }

        return block;
    }

    private static IntPtr Utf8(List<IntPtr> owned, string text)
    {
        IntPtr p = Marshal.StringToCoTaskMemUTF8(text);
        owned.Add(p);
        return p;
    }

    private static void Check(int result, string what)
    {
        if (result != 0)
        {
            throw new Win32Exception(result, $"posix_spawn {what} failed.");
        }
    }

    private void WaitForExit()
    {
        // 128 bytes: sizeof(siginfo_t) on Linux. Only the wait matters; the status comes from waitpid.
        byte* info = stackalloc byte[128];
        while (PosixInterop.WaitId(PosixInterop.P_PID, ProcessId, info, PosixInterop.WEXITED | PosixInterop.WNOWAIT) != 0)
        {
            if (Marshal.GetLastPInvokeError() != PosixInterop.EINTR)
            {
                // ECHILD: reaped elsewhere (SIGCHLD ignored by the app). The pid may already be reused: never kill it.
                lock (_gate)
                {
                    _reaped = true;
                }

                _exited.TrySetResult(ChildExit.Unknown);
                return;
            }
        }

        int status = 0;
        int reaped;
        lock (_gate)
        {
            _reaped = true;
            while ((reaped = PosixInterop.WaitPid(ProcessId, &status, 0)) < 0 && Marshal.GetLastPInvokeError() == PosixInterop.EINTR)
            {
            }
        }

        if (reaped != ProcessId)
        {
            _exited.TrySetResult(ChildExit.Unknown);
            return;
        }

        int low = status & 0x7f;
        _exited.TrySetResult(low == 0 ? new ChildExit((status >> 8) & 0xff, null) : new ChildExit(null, low));
    }
}
