namespace WindTunnel.Calibration;

public sealed record ProbeCalibration(int Channel, double Offset, double Gain, double Residual);

/// <summary>
/// Fits a linear calibration for every channel of the pressure-scanner rig against the
/// reference manometer. Channels are fitted in parallel.
/// </summary>
public static class ScannerCalibration
{
    public static ProbeCalibration[] Fit(double[] referencePascals, double[][] rawCountsByChannel)
    {
        if (referencePascals.Length < 2)
            throw new ArgumentException("Need at least two reference points.", nameof(referencePascals));

        var results = new ProbeCalibration[rawCountsByChannel.Length];

        Parallel.ForEach(
            Enumerable.Range(0, rawCountsByChannel.Length),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            channel =>
            {
                double[] counts = rawCountsByChannel[channel];
                if (counts.Length != referencePascals.Length)
                    throw new InvalidOperationException($"Channel {channel} has {counts.Length} points.");

                // Ordinary least squares: pascals = offset + gain * counts.
                int n = counts.Length;
                double meanX = counts.Average();
                double meanY = referencePascals.Average();
                double sxy = 0, sxx = 0;
                for (int i = 0; i < n; i++)
                {
                    sxy += (counts[i] - meanX) * (referencePascals[i] - meanY);
                    sxx += (counts[i] - meanX) * (counts[i] - meanX);
                }

                double gain = sxx == 0 ? 0 : sxy / sxx;
                double offset = meanY - gain * meanX;

                double residual = 0;
                for (int i = 0; i < n; i++)
                {
                    double error = referencePascals[i] - (offset + gain * counts[i]);
                    residual += error * error;
                }

                results[channel] = new ProbeCalibration(channel, offset, gain, Math.Sqrt(residual / n));
            });

        return results;
    }

    public static IEnumerable<int> ChannelsNeedingService(IEnumerable<ProbeCalibration> calibrations, double maxResidual) =>
        calibrations.Where(c => c.Residual > maxResidual).Select(c => c.Channel);
}
