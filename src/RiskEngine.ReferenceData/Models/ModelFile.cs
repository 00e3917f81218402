using System.Text.Json;
using System.Text.Json.Nodes;
using RiskEngine.Core.Anomaly.Features;
using RiskEngine.Core.Anomaly.Pca;

namespace RiskEngine.ReferenceData.Models;

/// <summary>
/// A model directory, <c>models/&lt;name&gt;/</c>: <c>model.json</c> (the <see cref="ModelDocument"/>) and
/// <c>README.md</c> (its model card).
/// </summary>
public static class ModelFile
{
    public const string ModelFileName = "model.json";
    public const string CardFileName = "README.md";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes the model and its card into <paramref name="modelsDirectory"/>/name; returns the model file's path.</summary>
    public static string Save(ModelDocument model, string modelsDirectory, string reproduceCommand)
    {
        ArgumentNullException.ThrowIfNull(model);
        var directory = Directory.CreateDirectory(Path.Combine(modelsDirectory, model.Name)).FullName;
        var path = Path.Combine(directory, ModelFileName);
        // Written aside and moved, so an engine watching the file never reads half of it.
        var partial = path + ".partial";
        File.WriteAllText(partial, JsonSerializer.Serialize(model, Json));
        File.Move(partial, path, overwrite: true);
        File.WriteAllText(Path.Combine(directory, CardFileName), ModelCard.Render(model, reproduceCommand));
        return path;
    }

    /// <exception cref="InvalidDataException">The file is not a model this engine can use; the message says why.</exception>
    public static ModelDocument Read(string path)
    {
        try
        {
            // The format first: a file of another format or version fails on that, not on whichever field it lacks.
            var json = JsonNode.Parse(File.ReadAllText(path));
            var format = json?["format"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
            if (format != ModelDocument.CurrentFormat)
            {
                throw new InvalidDataException($"{path} is not a model of format {ModelDocument.CurrentFormat} (found {format ?? "no format"})");
            }

            return json.Deserialize<ModelDocument>(Json) ?? throw new InvalidDataException($"{path} holds no model");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not a model file: {ex.Message}", ex);
        }
    }

    /// <summary>The activity model <paramref name="path"/> holds, ready to score.</summary>
    /// <exception cref="InvalidDataException">The file is not a model this engine can use; the message says why.</exception>
    public static ActivityModel Load(string path)
    {
        var model = Read(path);
        try
        {
            return new ActivityModel(
                model.Name,
                model.Features,
                new FeatureNormalizer([.. model.Normalizer.Offsets], [.. model.Normalizer.Scales]),
                new PcaModel([.. model.Pca.Mean], [.. model.Pca.Components.Select(c => c.ToArray())]),
                model.Threshold);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"{path} cannot be used: {ex.Message}", ex);
        }
    }
}
