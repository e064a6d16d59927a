using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace Video.Decoding
{
    public sealed record EncodedFrame(int Index, int Width, int Height, byte[] RunLengthData);

    public sealed record DecodedFrame(int Index, int Width, int Height, byte[] Luma);

    /// <summary>
    /// Decodes the keyframes of a clip for the scrubbing preview strip. Each
    /// keyframe is independent, so they are decoded on the thread pool.
    /// </summary>
    public sealed class KeyframeDecoder
    {
        public DecodedFrame[] DecodeAll(IReadOnlyList<EncodedFrame> frames)
        {
            var output = new DecodedFrame[frames.Count];
            var errors = new ConcurrentQueue<Exception>();

            using (var remaining = new CountdownEvent(frames.Count))
            {
                for (int i = 0; i < frames.Count; i++)
                {
                    int index = i;
                    ThreadPool.QueueUserWorkItem(_ =>
                    {
                        try
                        {
                            output[index] = Decode(frames[index]);
                        }
                        catch (Exception ex)
                        {
                            errors.Enqueue(ex);
                        }
                        finally
                        {
                            remaining.Signal();
                        }
                    });
                }

                remaining.Wait();
            }

            if (!errors.IsEmpty)
                throw new AggregateException("One or more keyframes could not be decoded.", errors);

            return output;
        }

        private static DecodedFrame Decode(EncodedFrame frame)
        {
            var luma = new byte[frame.Width * frame.Height];
            int written = 0;
            var data = frame.RunLengthData;

            for (int i = 0; i + 1 < data.Length && written < luma.Length; i += 2)
            {
                int run = data[i];
                byte value = data[i + 1];
                int end = Math.Min(luma.Length, written + run);
                luma.AsSpan(written, end - written).Fill(value);
                written = end;
            }

            if (written != luma.Length)
                throw new InvalidDataException($"Frame {frame.Index} is truncated.");

            return new DecodedFrame(frame.Index, frame.Width, frame.Height, luma);
        }
    }
}
