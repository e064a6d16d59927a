using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Blind16.SeedBank.Labels;

public sealed record PacketLabel(string AccessionNumber, string Species, int Seeds, string QrPayload);

public interface ILabelRenderer
{
    byte[] RenderPng(PacketLabel label);
}

/// <summary>
/// Renders seed packet labels for a distribution order on the thread pool and
/// completes when every label has been rendered.
/// </summary>
public sealed class PacketLabelBatch
{
    private readonly ILabelRenderer _renderer;

    public PacketLabelBatch(ILabelRenderer renderer) => _renderer = renderer;

    public Task<byte[][]> RenderAllAsync(IReadOnlyList<PacketLabel> labels)
    {
        if (labels.Count == 0)
        {
            return Task.FromResult(Array.Empty<byte[]>());
        }

        var images = new byte[labels.Count][];
        var completion = new TaskCompletionSource<byte[][]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var outstanding = labels.Count;
        Exception? firstError = null;

        for (var i = 0; i < labels.Count; i++)
        {
            var index = i;
            ThreadPool.QueueUserWorkItem(_ =>
            {
                try
                {
                    images[index] = _renderer.RenderPng(labels[index]);
                }
                catch (Exception ex)
                {
                    Interlocked.CompareExchange(ref firstError, ex, null);
                }
                finally
                {
                    if (Interlocked.Decrement(ref outstanding) == 0)
                    {
                        var error = Volatile.Read(ref firstError);
                        if (error is not null)
                        {
                            completion.TrySetException(error);
                        }
                        else
                        {
                            completion.TrySetResult(images);
                        }
                    }
                }
            });
        }

        return completion.Task;
    }
}
