# frozen_string_literal: true

class RegenerateRuntimeDependenciesList < ActiveRecord::Migration[4.2]
  def self.up
  end

  def self.down
  end
end
