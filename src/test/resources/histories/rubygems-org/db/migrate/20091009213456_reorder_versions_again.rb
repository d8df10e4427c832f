# frozen_string_literal: true

class ReorderVersionsAgain < ActiveRecord::Migration[4.2]
  def self.up
    # Rubygem.find_each(&:reorder_versions)
  end

  def self.down
  end
end
