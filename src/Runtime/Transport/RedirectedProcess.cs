using System.ComponentModel;
using System.Diagnostics;

namespace Forklift.Transport;

/// <summary>A worker started with <see cref="Process"/> where <see cref="SpawnedProcess"/> is not available (Windows,
/// macOS): the protocol runs on the worker's redirected standard input and output, and the worker moves its console
/// output to standard error (see <see cref="WorkerStdio"/>).</summary>
/// <remarks>Processes the worker starts inherit its standard handles here, so the guarantees of
/// <see cref="SpawnedProcess"/> about grandchildren and Ctrl+C do not hold on these platforms.</remarks>
internal sealed class RedirectedProcess : ChildProcess
{
    private readonly Process _process;
    private readonly Task<ChildExit> _exited;

    private RedirectedProcess(Process process)
    {
        _process = process;
        ProcessId = process.Id;
        _exited = WaitAsync(process);
    }

    public override int ProcessId { get; }

    public override Stream Requests => _process.StandardInput.BaseStream;

    public override Stream Responses => _process.StandardOutput.BaseStream;

    public override Stream StandardOutput => Stream.Null;

    public override Stream StandardError => _process.StandardError.BaseStream;

    public override Task<ChildExit> Exited => _exited;

    public static new RedirectedProcess Start(string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach ((string name, string? value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = info };
        process.Start();
        return new RedirectedProcess(process);
    }

    public override void Kill()
    {
        try
        {
            _process.Kill();
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already exited.
        }
    }

    // Not knowable here: the caller waits for the end of the pipe (bounded).
    public override bool StandardErrorIsEmpty() => false;

    public override void WaitForStandardError()
    {
    }

    public override void Dispose() => _process.Dispose();

    private static async Task<ChildExit> WaitAsync(Process process)
    {
        await process.WaitForExitAsync().ConfigureAwait(false);
        try
        {
            int code = process.ExitCode;
            return !OperatingSystem.IsWindows() && code is > 128 and < 160 ? new ChildExit(null, code - 128) : new ChildExit(code, null);
        }
        catch (InvalidOperationException)
        {
            return ChildExit.Unknown;
        }
    }
}
