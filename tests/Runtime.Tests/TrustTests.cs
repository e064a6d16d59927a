using System.Diagnostics;
using Forklift.Buffers;
using Forklift.Framing;
using Forklift.Protocol;
using Forklift.Transport;
using Forklift.Workers;

namespace Forklift.Runtime.Tests;

/// <summary>
/// A worker serves only the pool that started it, and runs only the app's own code, whatever arrives on its input.
/// These tests play a hostile parent: they start the worker command themselves (protocol on standard input and
/// output, as on platforms without <see cref="SpawnedProcess"/>) and write the frames by hand.
/// </summary>
public sealed class TrustTests
{
    private const string Secret = "0123456789ABCDEF0123456789ABCDEF";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_worker_refuses_a_first_frame_without_the_secret_of_its_pool()
    {
        using Process worker = StartWorker();

        Send(worker, MessageType.Hello, (ref PayloadWriter w) => WriteHello(ref w, "not the secret"));

        await worker.WaitForExitAsync().WaitAsync(Wait);
        Assert.Equal(2, worker.ExitCode);
        Assert.Contains("did not carry the secret", await worker.StandardError.ReadToEndAsync());

        // It answered nothing: no Ready frame, no StartFailed.
        Assert.Equal(-1, worker.StandardOutput.BaseStream.ReadByte());
    }

    [Fact]
    public async Task A_worker_loads_no_assembly_from_outside_the_app_directory()
    {
        await FixtureApps.EnsureBuiltAsync();
        string outside = Path.Combine(FixtureApps.Output("ConsoleApp"), "ConsoleApp.dll");
        using Process worker = StartWorker();
        try
        {
            Send(worker, MessageType.Hello, (ref PayloadWriter w) => WriteHello(ref w, Secret));
            using var frames = new LengthPrefixFrameReader(worker.StandardOutput.BaseStream, 1024 * 1024);
            Assert.True(frames.TryRead(out byte ready, out _));
            Assert.Equal((byte)MessageType.Ready, ready);

            // Bind a method of an assembly that is not the app's (its module initializer would register it), then call it.
            Send(worker, MessageType.Bind, (ref PayloadWriter w) =>
            {
                w.WriteVarUInt32(0);
                w.WriteString("Forklift.Fixtures.SquareMethod.Square(int)");
                w.WriteString("ConsoleApp");
                w.WriteString(outside);
            });
            Send(worker, MessageType.Request, (ref PayloadWriter w) =>
            {
                w.WriteInt64(1);
                w.WriteVarUInt32(0);
                w.WriteByte(0);
                w.WriteInt32(7);
            });

            Assert.True(frames.TryRead(out byte type, out ReadOnlyMemory<byte> body));
            Assert.Equal((byte)MessageType.Response, type);
            var reader = new PayloadReader(body.Span);
            Assert.Equal(1, reader.ReadInt64());
            Assert.Equal((byte)ResponseStatus.Error, reader.ReadByte());
            reader.ReadInt64();
            reader.ReadVarUInt32();
            ErrorInfo[] error = ErrorInfo.ReadChain(ref reader);
            Assert.Contains("Refusing to load", error[0].Message);
        }
        finally
        {
            worker.Kill();
        }
    }

    private static Process StartWorker()
    {
        WorkerLaunch launch = WorkerLaunch.Resolve();
        var info = new ProcessStartInfo(launch.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in launch.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment[WorkerStdio.WorkerVariable] = Secret;
        info.Environment.Remove(WorkerStdio.DescriptorsVariable);
        return Process.Start(info)!;
    }

    private static void WriteHello(ref PayloadWriter writer, string secret)
    {
        writer.WriteUInt32(ProtocolConstants.Magic);
        writer.WriteInt32(ProtocolConstants.Version);
        writer.WriteString(secret);
        writer.WriteInt32(1024 * 1024);
        writer.WriteBoolean(false);
        writer.WriteNullableLength(0);
    }

    private delegate void Payload(ref PayloadWriter writer);

    private static void Send(Process worker, MessageType type, Payload payload)
    {
        using var buffer = new PooledBufferWriter();
        FrameHeader.Begin(buffer);
        var writer = new PayloadWriter(buffer);
        payload(ref writer);
        Stream input = worker.StandardInput.BaseStream;
        input.Write(FrameHeader.Complete(buffer, (byte)type, int.MaxValue));
        input.Flush();
    }
}
