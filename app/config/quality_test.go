package config_test

import (
	"testing"

	"jixiao/app/config"
)

func TestQualitySettingsFromTheEnvironment(t *testing.T) {
	env := map[string]string{"JIXIAO_QUALITY_SIMILARITY": "0.75", "JIXIAO_QUALITY_SATISFACTION_WEIGHT": "15"}
	c, err := config.FromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c.Quality.Similarity.String() != "0.75" || c.Quality.SatisfactionWeight.String() != "15" || c.Quality.MinTextLength != 12 {
		t.Errorf("%+v", c.Quality)
	}
	env["JIXIAO_QUALITY_SIMILARITY"] = "2"
	if _, err := config.FromEnv(func(k string) string { return env[k] }); err == nil {
		t.Error("a similarity above 1 was accepted")
	}
}
