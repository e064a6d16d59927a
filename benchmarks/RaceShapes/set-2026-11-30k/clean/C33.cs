using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Features.Pipeline
{
    /// <summary>
    /// Numeric feature matrix for model training. Missing values are NaN
    /// until imputation.
    /// </summary>
    public sealed class FeatureTable
    {
        public FeatureTable(string[] columns) => Columns = columns;

        public string[] Columns { get; }
        public List<double[]> Rows { get; } = new();
        public double[] Means { get; set; } = Array.Empty<double>();
        public double[] StdDevs { get; set; } = Array.Empty<double>();
    }

    /// <summary>
    /// Loads a CSV extract and prepares it for training in stages that run one
    /// after another in the background.
    /// </summary>
    public sealed class TrainingSetBuilder
    {
        public Task<FeatureTable> BuildAsync(string csvPath)
        {
            return Task.Run(() => Load(csvPath))
                .ContinueWith(loaded =>
                {
                    var table = loaded.Result;
                    ComputeMoments(table);
                    return table;
                }, TaskScheduler.Default)
                .ContinueWith(measured =>
                {
                    var table = measured.Result;
                    ImputeAndStandardize(table);
                    return table;
                }, TaskScheduler.Default);
        }

        private static FeatureTable Load(string path)
        {
            using var reader = new StreamReader(path);
            var header = (reader.ReadLine() ?? string.Empty).Split(',');
            var table = new FeatureTable(header);

            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                var cells = line.Split(',');
                var row = new double[header.Length];
                for (int c = 0; c < header.Length; c++)
                {
                    row[c] = c < cells.Length && double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                        ? v
                        : double.NaN;
                }
                table.Rows.Add(row);
            }

            return table;
        }

        private static void ComputeMoments(FeatureTable table)
        {
            int columns = table.Columns.Length;
            table.Means = new double[columns];
            table.StdDevs = new double[columns];

            for (int c = 0; c < columns; c++)
            {
                var present = table.Rows.Select(r => r[c]).Where(v => !double.IsNaN(v)).ToArray();
                double mean = present.Length == 0 ? 0 : present.Average();
                double variance = present.Length == 0 ? 0 : present.Average(v => (v - mean) * (v - mean));
                table.Means[c] = mean;
                table.StdDevs[c] = Math.Sqrt(variance);
            }
        }

        private static void ImputeAndStandardize(FeatureTable table)
        {
            foreach (var row in table.Rows)
            {
                for (int c = 0; c < row.Length; c++)
                {
                    double value = double.IsNaN(row[c]) ? table.Means[c] : row[c];
                    double sd = table.StdDevs[c];
                    row[c] = sd > 0 ? (value - table.Means[c]) / sd : 0;
                }
            }
        }
    }
}
